package dev.shmkit.memory;

import dev.shmkit.JvmFlags;
import dev.shmkit.ShmkitException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before Chronicle Bytes is touched, that this JVM has the module flags it needs to map
 * files, and says how to add them where this JVM was started: the jshell tool takes them as
 * {@code -R...} for its execution JVM (or {@code -J...} with {@code --execution local}); a plain
 * {@code --add-opens} there is refused ("Unknown option"). Chronicle, left to find out itself,
 * logs its own stack traces and then fails with an {@code AssertionError}.
 */
final class MissingFlags {
    /** Kryo's closure serializer wanted this one; shmkit's LambdaSerializer does not, and mapping never did. */
    private static final String NOT_FOR_MAPPING = "java.base/java.lang.invoke=";
    /** The main class of the JVM the jshell tool runs snippets in by default. */
    private static final String JSHELL_AGENT = "jdk.jshell.execution.RemoteExecutionControl";
    /** The jshell tool's own main class ({@code --execution local} runs snippets in it). */
    private static final String JSHELL_TOOL = "jdk.internal.jshell.tool";

    /** Empty when all are present; checked once per JVM (the boot layer's flags cannot change at run time). */
    private static final List<String> MISSING = missing();

    private MissingFlags() {
    }

    /** Throws the one message naming the missing flags and where to add them, if any are missing. */
    static void check(Path path) {
        if (!MISSING.isEmpty()) {
            throw new ShmkitException("cannot map " + path + ": this JVM lacks the flags Chronicle Bytes needs (missing: "
                    + String.join(" ", MISSING) + "); " + howToAdd(System.getProperty("sun.java.command", "")));
        }
    }

    /** Where to put the flags, for the JVM started by {@code command} (its {@code sun.java.command}). */
    static String howToAdd(String command) {
        List<String> all = JvmFlags.forCurrentRuntime();
        if (command.startsWith(JSHELL_AGENT)) {
            return "this is jshell's execution JVM: start jshell with " + prefixed("-R", all)
                    + " (each flag as -R<flag>), or use ./shmkit jshell, which adds them";
        }
        if (command.contains(JSHELL_TOOL)) {
            return "this is jshell with --execution local: start it with " + prefixed("-J", all)
                    + " (each flag as -J<flag>), or use ./shmkit jshell, which adds them";
        }
        return "start the JVM with " + String.join(" ", all)
                + " (the shmkit launcher, kernelspec and worker pool add them)";
    }

    private static String prefixed(String prefix, List<String> flags) {
        List<String> out = new ArrayList<>();
        for (String f : flags) {
            out.add(prefix + f);
        }
        return String.join(" ", out);
    }

    /** The {@code --add-opens}/{@code --add-exports} flags of {@link JvmFlags} not in effect for this class. */
    static List<String> missing() {
        List<String> missing = new ArrayList<>();
        Module self = MissingFlags.class.getModule();
        for (String flag : JvmFlags.forCurrentRuntime()) {
            boolean opens = flag.startsWith("--add-opens=");
            if ((!opens && !flag.startsWith("--add-exports=")) || flag.contains(NOT_FOR_MAPPING)) {
                continue;
            }
            String spec = flag.substring(flag.indexOf('=') + 1);  // java.base/sun.nio.ch=ALL-UNNAMED
            int slash = spec.indexOf('/');
            int eq = spec.indexOf('=');
            String module = spec.substring(0, slash);
            String pkg = spec.substring(slash + 1, eq);
            Optional<Module> m = ModuleLayer.boot().findModule(module);
            boolean ok = m.isPresent() && (opens ? m.get().isOpen(pkg, self) : m.get().isExported(pkg, self));
            if (!ok) {
                missing.add(flag);
            }
        }
        return List.copyOf(missing);
    }
}
