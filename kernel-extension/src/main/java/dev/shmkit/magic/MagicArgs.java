package dev.shmkit.magic;

import dev.shmkit.job.AccessMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Arguments of a shmkit magic. Flags mean the same in every magic: {@code --space NAME} picks the
 * named space instead of the notebook's default one, {@code --sweep} removes what dead processes
 * left behind, {@code --chunks N} splits a map job into N tasks, {@code --modes copy,proxy,share} picks
 * the access modes a comparison runs. A flag a magic does not take is a {@link UsageException}.
 *
 * @param positional the arguments that are not flags, in order
 * @param space      value of {@code --space}, or null for the notebook's default space
 * @param sweep      whether {@code --sweep} was given
 * @param chunks     value of {@code --chunks}, or 0 for automatic chunking
 * @param modes      value of {@code --modes} (comma-separated access modes), or empty for all three
 */
public record MagicArgs(List<String> positional, String space, boolean sweep, int chunks, List<AccessMode> modes) {
    /** Flag naming the space a magic works on. */
    public static final String SPACE = "--space";
    /** Flag asking for a sweep of dead processes' segments. */
    public static final String SWEEP = "--sweep";
    /** Flag giving the number of tasks of a map job. */
    public static final String CHUNKS = "--chunks";
    /** Flag giving the access modes a comparison runs: {@code --modes copy,proxy,share}. */
    public static final String MODES = "--modes";

    /**
     * Parses {@code args}, accepting only the flags in {@code allowed}.
     *
     * @param usage the magic's usage line, quoted in errors
     */
    public static MagicArgs parse(List<String> args, Set<String> allowed, String usage) {
        List<String> positional = new ArrayList<>();
        String space = null;
        boolean sweep = false;
        int chunks = 0;
        List<AccessMode> modes = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                positional.add(a);
                continue;
            }
            String flag = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (!allowed.contains(flag)) {
                throw new UsageException("unknown option '" + a + "'", usage);
            }
            if (flag.equals(SPACE)) {
                space = value(args, i, usage, "a space name");
                i += a.contains("=") ? 0 : 1;
            } else if (flag.equals(SWEEP)) {
                sweep = true;
            } else if (flag.equals(CHUNKS)) {
                String v = value(args, i, usage, "a number of tasks");
                i += a.contains("=") ? 0 : 1;
                try {
                    chunks = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    chunks = -1;
                }
                if (chunks < 1) {
                    throw new UsageException(CHUNKS + " needs a number of tasks >= 1, got '" + v + "'", usage);
                }
            } else if (flag.equals(MODES)) {
                String v = value(args, i, usage, "access modes, e.g. copy,proxy,share");
                i += a.contains("=") ? 0 : 1;
                for (String m : v.split(",")) {
                    try {
                        AccessMode mode = AccessMode.parse(m);
                        if (!modes.contains(mode)) {
                            modes.add(mode);
                        }
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(MODES + ": " + e.getMessage() + " (got '" + v + "')", usage);
                    }
                }
            }
        }
        return new MagicArgs(List.copyOf(positional), space, sweep, chunks, List.copyOf(modes));
    }

    /** The value of the flag at {@code i}: after '=' or the next argument. */
    private static String value(List<String> args, int i, String usage, String what) {
        String a = args.get(i);
        if (a.contains("=")) {
            return a.substring(a.indexOf('=') + 1);
        }
        if (i + 1 < args.size()) {
            return args.get(i + 1);
        }
        throw new UsageException(a + " needs " + what, usage);
    }
}
