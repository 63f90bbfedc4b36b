package dev.shmkit.magic;

import dev.shmkit.segment.InvalidNameException;

import javax.lang.model.SourceVersion;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The magics, independent of any kernel API: parse the arguments, look the variable up through the
 * kernel's evaluation, call {@link Notebook}. The JJava extension and the IJava bootstrap only wrap
 * these in their kernel's magic interfaces.
 */
public final class SpaceMagics {
    /** Usage of {@code %share}. */
    public static final String SHARE_USAGE = "%share VAR [as NAME] [--space SPACE]"
            + "   e.g. %share df as big  (NAME defaults to VAR)";
    /** Usage of {@code %unshare}. */
    public static final String UNSHARE_USAGE = "%unshare NAME [--space SPACE]";
    /** Usage of {@code %space}. */
    public static final String SPACE_USAGE = "%space [--sweep] [--who] [--space SPACE]";
    /** Flag of {@code %space}: show which processes map the segments and their physical memory. */
    public static final String WHO = "--who";

    private SpaceMagics() {
    }

    /**
     * {@code %share VAR [as NAME] [--space SPACE]}.
     *
     * @param lookup evaluates a variable name in the notebook and returns the live object
     */
    public static ShareResult share(List<String> args, Function<String, Object> lookup) {
        MagicArgs a = MagicArgs.parse(args, Set.of(MagicArgs.SPACE), SHARE_USAGE);
        List<String> p = a.positional();
        String var;
        String name;
        if (p.size() == 1) {
            var = p.get(0);
            name = var;
        } else if (p.size() == 3 && p.get(1).equals("as")) {
            var = p.get(0);
            name = p.get(2);
        } else {
            throw new UsageException("%share: expected VAR or VAR as NAME, got '" + String.join(" ", args) + "'", SHARE_USAGE);
        }
        if (!SourceVersion.isIdentifier(var) || SourceVersion.isKeyword(var)) {
            throw new UsageException("%share: '" + var + "' is not a Java variable name", SHARE_USAGE);
        }
        Object value = lookUp(var, lookup);
        try {
            return Notebook.share(NotebookSpaces.space(a.space()), name, value, var);
        } catch (InvalidNameException e) {
            throw new UsageException("%share: " + e.getMessage(), SHARE_USAGE);
        }
    }

    /** {@code %unshare NAME [--space SPACE]}. */
    public static UnshareResult unshare(List<String> args) {
        MagicArgs a = MagicArgs.parse(args, Set.of(MagicArgs.SPACE), UNSHARE_USAGE);
        if (a.positional().size() != 1) {
            throw new UsageException("%unshare: expected one entry name, got '" + String.join(" ", args) + "'", UNSHARE_USAGE);
        }
        try {
            return Notebook.unshare(NotebookSpaces.space(a.space()), a.positional().get(0));
        } catch (InvalidNameException e) {
            throw new UsageException("%unshare: " + e.getMessage(), UNSHARE_USAGE);
        }
    }

    /** {@code %space [--sweep] [--who] [--space SPACE]}: the listing, or with {@code --who} a {@link WhoCard}. */
    public static RichResult space(List<String> args) {
        if (args.contains(WHO)) {
            return who(args.stream().filter(x -> !x.equals(WHO)).toList());
        }
        MagicArgs a = MagicArgs.parse(args, Set.of(MagicArgs.SPACE, MagicArgs.SWEEP), SPACE_USAGE);
        if (!a.positional().isEmpty()) {
            throw new UsageException("%space: takes no arguments besides flags, got '" + String.join(" ", a.positional())
                    + "' (to pick a space: --space NAME)", SPACE_USAGE);
        }
        return Notebook.list(NotebookSpaces.space(a.space()), a.sweep());
    }

    /** {@code %space --who [--space SPACE]}: who maps the space's segments now, read from /proc. */
    static WhoCard who(List<String> args) {
        MagicArgs a = MagicArgs.parse(args, Set.of(MagicArgs.SPACE), SPACE_USAGE);
        if (!a.positional().isEmpty()) {
            throw new UsageException("%space --who: takes no arguments besides --space, got '"
                    + String.join(" ", a.positional()) + "'", SPACE_USAGE);
        }
        return new WhoCard(NotebookSpaces.space(a.space()).mappings());
    }

    private static Object lookUp(String var, Function<String, Object> lookup) {
        try {
            return lookup.apply(var);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new UsageException("%share: unknown variable '" + var + "' (" + why + "); fix: define it in a cell"
                    + " first, e.g. Table " + var + " = Table.read().csv(\"data.csv\");", SHARE_USAGE);
        }
    }
}
