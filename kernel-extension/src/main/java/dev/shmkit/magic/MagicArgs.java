package dev.shmkit.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Arguments of a shmkit magic. Flags mean the same in every magic: {@code --space NAME} picks the
 * named space instead of the notebook's default one, {@code --sweep} removes what dead processes
 * left behind. A flag a magic does not take is a {@link UsageException}.
 *
 * @param positional the arguments that are not flags, in order
 * @param space      value of {@code --space}, or null for the notebook's default space
 * @param sweep      whether {@code --sweep} was given
 */
public record MagicArgs(List<String> positional, String space, boolean sweep) {
    /** Flag naming the space a magic works on. */
    public static final String SPACE = "--space";
    /** Flag asking for a sweep of dead processes' segments. */
    public static final String SWEEP = "--sweep";

    /**
     * Parses {@code args}, accepting only the flags in {@code allowed}.
     *
     * @param usage the magic's usage line, quoted in errors
     */
    public static MagicArgs parse(List<String> args, Set<String> allowed, String usage) {
        List<String> positional = new ArrayList<>();
        String space = null;
        boolean sweep = false;
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
                if (a.contains("=")) {
                    space = a.substring(a.indexOf('=') + 1);
                } else if (i + 1 < args.size()) {
                    space = args.get(++i);
                } else {
                    throw new UsageException(SPACE + " needs a space name", usage);
                }
            } else if (flag.equals(SWEEP)) {
                sweep = true;
            }
        }
        return new MagicArgs(List.copyOf(positional), space, sweep);
    }
}
