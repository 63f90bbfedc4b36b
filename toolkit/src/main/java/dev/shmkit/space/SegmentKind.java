package dev.shmkit.space;

/** What a segment file holds; the kind is the file's extension. */
public enum SegmentKind {
    /** A table as an Arrow IPC file. */
    TABLE("arrow"),
    /** Any object, Kryo-serialized, with large primitive arrays out-of-band. */
    OBJECT("obj");

    private final String extension;

    SegmentKind(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    static SegmentKind ofExtension(String ext) {
        for (SegmentKind k : values()) {
            if (k.extension.equals(ext)) {
                return k;
            }
        }
        return null;
    }
}
