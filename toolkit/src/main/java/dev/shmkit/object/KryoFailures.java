package dev.shmkit.object;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Kryo failure while writing a value into a {@link NotSerializableValueException} that
 * names the root class, the offending class and the field path. Kryo's message carries a
 * "Serialization trace:" of {@code field (declaringClass)} lines, innermost first; the innermost
 * entry that the reflective walk can locate in the graph gives the full path (with {@code [i]}
 * and {@code [key]} steps, which the trace lacks).
 */
final class KryoFailures {
    private static final String TRACE = "Serialization trace:";
    private static final Pattern ENTRY = Pattern.compile("^\\s*([\\w$]+) \\(([\\w$.]+)\\)\\s*$");

    private KryoFailures() {
    }

    static NotSerializableValueException explain(Object root, RuntimeException e) {
        String rootClass = root.getClass().getName();
        String message = String.valueOf(e.getMessage());
        List<String[]> trace = parseTrace(message);
        String reason = firstLine(rootCause(e));
        for (int i = 0; i < trace.size(); i++) {
            String[] found = GraphWalk.locate(root, trace.get(i)[1], trace.get(i)[0]);
            if (found != null) {
                StringBuilder path = new StringBuilder(found[0]);
                for (int j = i - 1; j >= 0; j--) {
                    path.append('.').append(trace.get(j)[0]);
                }
                String offending = found[1] != null ? found[1] : trace.get(0)[1];
                return new NotSerializableValueException(rootClass, offending, path.toString(), reason, e);
            }
        }
        if (!trace.isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (int j = trace.size() - 1; j >= 0; j--) {
                path.append(path.length() == 0 ? "" : ".").append(trace.get(j)[0]);
            }
            return new NotSerializableValueException(rootClass, trace.get(0)[1], path.toString(), reason, e);
        }
        return new NotSerializableValueException(rootClass, rootClass, "$", reason, e);
    }

    /** Trace entries {field, declaring class}, innermost first. */
    static List<String[]> parseTrace(String message) {
        List<String[]> out = new ArrayList<>();
        int at = message.indexOf(TRACE);
        if (at < 0) {
            return out;
        }
        for (String line : message.substring(at + TRACE.length()).split("\n")) {
            Matcher m = ENTRY.matcher(line);
            if (m.matches()) {
                out.add(new String[] {m.group(1), m.group(2)});
            }
        }
        return out;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }
}
