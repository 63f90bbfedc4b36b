package dev.shmkit.segment;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One version of one entry on disk. The file name carries everything a listing needs
 * without opening the file:
 *
 * <pre>
 *   &lt;name&gt;.v&lt;version&gt;.p&lt;publisher pid&gt;.&lt;arrow|obj&gt;      e.g.  big.v3.p4121.arrow
 * </pre>
 *
 * Names are parsed from the right, so a name may itself contain dots. The same name is used in
 * the space directory (published), in {@code .retired/} (superseded or removed but still mapped
 * somewhere) and in {@code .tmp/} (a draft being written, the pid is its creator's).
 */
public record SegmentFile(String name, long version, long pid, SegmentKind kind, Path path) {
    /** Allowed entry and space names (ARCHITECTURE.md, "Where the space lives"). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final Pattern FILE = Pattern.compile("(.+)\\.v(\\d{1,18})\\.p(\\d{1,18})\\.([a-z]+)");

    /** Throws {@link InvalidNameException} unless {@code name} is a valid entry or space name. */
    public static String validate(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..") || name.startsWith(".")) {
            throw new InvalidNameException("invalid name '" + name + "': names are 1 to 128 characters of"
                    + " [A-Za-z0-9_.-], must not start with '.' nor contain '..'; e.g. big, flights_2024, model-v2");
        }
        return name;
    }

    /** The file name of version {@code version} of {@code name}. */
    public static String fileName(String name, long version, long pid, SegmentKind kind) {
        return name + ".v" + version + ".p" + pid + "." + kind.extension();
    }

    /** This version's identity; the space is the directory above {@code .retired/} or {@code .tmp/}. */
    public SegmentId id() {
        return SegmentId.of(spaceOf(path), name, version, kind);
    }

    /** The space directory of a segment file wherever it lives (published, retired or draft). */
    static Path spaceOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        String d = parent.getFileName() == null ? "" : parent.getFileName().toString();
        return d.equals(SegmentStore.RETIRED) || d.equals(SegmentStore.TMP) ? parent.getParent() : parent;
    }

    /** Parses a file of a space directory, or returns null for anything that is not a segment. */
    public static SegmentFile parse(Path path) {
        Matcher m = FILE.matcher(path.getFileName().toString());
        if (!m.matches()) {
            return null;
        }
        SegmentKind kind = SegmentKind.ofExtension(m.group(4));
        if (kind == null || !NAME.matcher(m.group(1)).matches()) {
            return null;
        }
        return new SegmentFile(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), kind, path);
    }
}
