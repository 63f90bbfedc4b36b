package dev.shmkit.segment;

/** What a segment file holds; the kind is the file's extension. */
public enum SegmentKind {
    /** A table as an Arrow IPC file. */
    TABLE("arrow"),
    /** Any object, Kryo-serialized, with large primitive arrays out-of-band. */
    OBJECT("obj"),
    /** A flat primitive array. */
    ARRAY("arr"),
    /** The output of a job, written by workers into a created segment. */
    RESULT("res");

    private final String extension;

    SegmentKind(String extension) {
        this.extension = extension;
    }

    /** The file extension of this kind, without the dot. */
    public String extension() {
        return extension;
    }

    /** The kind whose extension is {@code ext}, or null. */
    public static SegmentKind ofExtension(String ext) {
        for (SegmentKind k : values()) {
            if (k.extension.equals(ext)) {
                return k;
            }
        }
        return null;
    }
}
