package dev.shmkit.kernel;

import dev.shmkit.memory.Mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a cell threw into what the notebook shows: the exception's own class and message
 * rather than the kernel's wrappers, and a stack trimmed to the frames of the cell's code.
 */
final class CellErrors {
    /** JJava wraps what a magic throws in a RuntimeException whose message starts like this. */
    private static final String MAGIC_WRAPPER = "Exception occurred while running ";
    /** Frames kept when no frame belongs to cell code (e.g. an exception inside a library). */
    private static final int MAX_FRAMES = 12;
    /** Exceptions whose message is the whole story (bad usage, named failures with a fix): no stack shown. */
    private static final List<String> SELF_EXPLAINING = List.of(
            "dev.shmkit.ShmkitException", "dev.shmkit.kernel.CellInterruptedException");

    private CellErrors() {
    }

    /** What the user should see as the error: the cell's own exception, unwrapped from kernel and magic wrappers. */
    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        if (t instanceof CellException && t.getCause() != null) {
            t = t.getCause();
        }
        while (isMagicWrapper(t)) {
            t = t.getCause();
        }
        return t;
    }

    /** Throws a checked exception without declaring it (the Jupyter handler catches every Exception). */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /** The traceback lines: compile diagnostics, or class, message and the trimmed stack with causes. */
    static List<String> lines(Throwable e) {
        if (e instanceof CompileException c) {
            return c.lines();
        }
        Throwable t = unwrap(e);
        Throwable named = Mapping.explainFault(t); // a mapped segment cut under the cell: name its file
        if (named != null) {
            t = named;
        }
        List<String> out = new ArrayList<>();
        out.add(headline(t));
        if (selfExplaining(t)) {
            return out;
        }
        addFrames(out, t.getStackTrace());
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            out.add("Caused by: " + headline(c));
            addFrames(out, c.getStackTrace());
        }
        return out;
    }

    private static boolean selfExplaining(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (SELF_EXPLAINING.contains(c.getName()) || c.getSimpleName().equals("UsageException")) {
                return true;
            }
        }
        return false;
    }

    private static String headline(Throwable t) {
        String cls = t instanceof CellException c ? c.exceptionClass() : t.getClass().getName();
        return t.getMessage() == null ? cls : cls + ": " + t.getMessage();
    }

    private static void addFrames(List<String> out, StackTraceElement[] stack) {
        int end = -1;
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getClassName().startsWith("REPL.")) {
                end = i;
            }
        }
        int keep = end >= 0 ? end + 1 : Math.min(stack.length, MAX_FRAMES);
        for (int i = 0; i < keep; i++) {
            out.add("    at " + frame(stack[i]));
        }
        if (keep < stack.length && end < 0) {
            out.add("    ... " + (stack.length - keep) + " more");
        }
    }

    private static String frame(StackTraceElement f) {
        if (f.getClassName().startsWith("REPL.")) {
            return "cell code (" + f.getClassName().substring("REPL.".length()) + "." + f.getMethodName() + ")";
        }
        return f.toString();
    }

    private static boolean isMagicWrapper(Throwable t) {
        return t.getCause() != null && t.getClass() == RuntimeException.class
                && t.getMessage() != null && t.getMessage().startsWith(MAGIC_WRAPPER);
    }
}
