package dev.shmkit.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Minimal {@code --name value} / {@code --flag} parsing shared by the commands. */
final class Args {
    final Map<String, String> options = new HashMap<>();
    final List<String> positional = new ArrayList<>();

    static Args parse(String[] args, Set<String> flags, Set<String> valued, String usage) {
        Args a = new Args();
        for (int i = 0; i < args.length; i++) {
            String s = args[i];
            if (s.startsWith("--")) {
                String name = s.substring(2);
                if (flags.contains(name)) {
                    a.options.put(name, "true");
                } else if (valued.contains(name)) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--" + name + " needs a value; usage: " + usage);
                    }
                    a.options.put(name, args[++i]);
                } else {
                    throw new UsageException("unknown option " + s + "; usage: " + usage);
                }
            } else {
                a.positional.add(s);
            }
        }
        return a;
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    int getInt(String name, int fallback, String usage) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + "=" + v + " is not a whole number; usage: " + usage);
        }
    }
}
