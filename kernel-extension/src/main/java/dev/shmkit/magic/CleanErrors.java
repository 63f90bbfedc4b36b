package dev.shmkit.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the stack trace a stock JJava kernel (1.0-a6) prints for a failing cell back into the
 * message shmkit wrote, when the failure is shmkit's. JJava wraps what a magic throws in a
 * {@code RuntimeException("Exception occurred while running line magic 'share': ...")}, wraps the
 * snippet's exception again in {@code RuntimeException("<class>, <message>")}, and prints the
 * whole chain with the kernel's own frames. For an exception of a {@code dev.shmkit} class, or a
 * failure of one of shmkit's magics, the user gets {@code ShippingRefusedException: <message>} or
 * {@code %share: <message>} instead; every other trace is left as it is.
 */
final class CleanErrors {
    /** JJava's CodeEvaluator: {@code RuntimeException(className + ", " + message, evalException)}. */
    private static final String EVAL_WRAPPER = "java.lang.RuntimeException: ";
    /** JJava's BaseNotebookStatics around anything a magic throws. */
    private static final Pattern MAGIC_WRAPPER =
            Pattern.compile("Exception occurred while running (line|cell) magic '([^']*)': ", Pattern.DOTALL);
    /** Package whose exceptions carry their own fix in the message. */
    private static final String SHMKIT = "dev.shmkit.";

    private final Set<String> magics;

    /** Cleans failures of the magics named {@code magics} (without {@code %}) and of shmkit's exceptions. */
    CleanErrors(Set<String> magics) {
        this.magics = Set.copyOf(magics);
    }

    /** The lines to show for stack trace {@code trace}, or null to show it unchanged. */
    List<String> clean(String trace) {
        if (!trace.startsWith(EVAL_WRAPPER)) {
            return null;
        }
        String header = header(trace.substring(EVAL_WRAPPER.length()));
        int comma = header.indexOf(", ");
        if (comma < 0) {
            return null;
        }
        String cls = header.substring(0, comma);
        String message = header.substring(comma + 2);
        if (cls.startsWith(SHMKIT)) {
            return lines(cls.substring(cls.lastIndexOf('.') + 1) + ": " + message);
        }
        Matcher m = MAGIC_WRAPPER.matcher(message);
        if (!cls.equals(RuntimeException.class.getName()) || !m.lookingAt() || !magics.contains(m.group(2))) {
            return null;
        }
        String rest = message.substring(m.end());
        String magic = (m.group(1).equals("cell") ? "%%" : "%") + m.group(2);
        return lines(rest.startsWith(magic) ? rest : magic + ": " + rest);
    }

    /** The exception's own message: everything before its first frame or cause. */
    private static String header(String trace) {
        List<String> kept = new ArrayList<>();
        for (String line : trace.split("\\R", -1)) {
            if (line.startsWith("\tat ") || line.startsWith("Caused by: ") || line.startsWith("\t... ")) {
                break;
            }
            kept.add(line);
        }
        return String.join("\n", kept).stripTrailing();
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\\R", -1));
    }
}
