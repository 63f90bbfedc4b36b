package dev.shmkit.testing;

import org.objectweb.asm.ClassReader;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dependency graph between {@code dev.shmkit} packages, read from compiled classes with ASM:
 * every UTF-8 entry of each class's constant pool is searched for class names
 * ({@code dev/shmkit/pool/WorkerPool}, also inside descriptors and signatures) and for strings that
 * name a package ({@code "dev.shmkit.pool."}, {@code "dev.shmkit.kernel.Show.*"}), so a fully qualified
 * name or a class-name string is a dependency like an import. {@link #cycles()} lists the strongly
 * connected groups of packages; {@link #describe(List)} names each edge in them with the classes
 * that make it.
 */
public final class PackageGraph {
    /** A class name as the JVM writes it: package segments are lower case, the class name follows. */
    private static final Pattern INTERNAL = Pattern.compile("dev/shmkit((?:/[a-z_][a-z0-9_]*)*)/[A-Za-z_$][\\w$-]*");
    /** A dotted name in a string: {@code dev.shmkit.x.} followed by anything (a class, {@code *}, nothing). */
    private static final Pattern DOTTED = Pattern.compile("dev\\.shmkit((?:\\.[a-z_][a-z0-9_]*)*)\\.");
    /** Constant-pool tag of a CONSTANT_Utf8 entry (JVMS 4.4). */
    private static final int UTF8 = 1;
    /** How many classes an edge's description names before "...". */
    private static final int EVIDENCE_SHOWN = 4;

    /** package -> package it uses -> "Class uses thing" lines. */
    private final Map<String, Map<String, Set<String>>> edges = new TreeMap<>();

    private PackageGraph() {
    }

    /** Reads every {@code .class} file under the given class directories. */
    public static PackageGraph of(Path... classDirectories) {
        PackageGraph g = new PackageGraph();
        for (Path dir : classDirectories) {
            if (!Files.isDirectory(dir)) {
                throw new AssertionError("no class directory " + dir.toAbsolutePath() + " (build the module first)");
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    g.read(Files.readAllBytes(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return g;
    }

    private void read(byte[] bytes) throws IOException {
        ClassReader reader = new ClassReader(bytes);
        String className = reader.getClassName();
        String from = packageOf(className);
        edges.computeIfAbsent(from, k -> new TreeMap<>());
        String simple = className.substring(className.lastIndexOf('/') + 1);
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0 || bytes[offset - 1] != UTF8) {
                continue;  // the second slot of a long/double, or not text
            }
            String text = new DataInputStream(new ByteArrayInputStream(bytes, offset, bytes.length - offset)).readUTF();
            Matcher m = INTERNAL.matcher(text);
            while (m.find()) {
                add(from, "dev.shmkit" + m.group(1).replace('/', '.'), simple + " -> " + m.group().replace('/', '.'));
            }
            Matcher d = DOTTED.matcher(text);
            while (d.find()) {
                add(from, "dev.shmkit" + d.group(1), simple + " -> string \"" + d.group() + "\"");
            }
        }
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
    }

    private void add(String from, String to, String evidence) {
        if (!from.equals(to)) {
            edges.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new TreeSet<>()).add(evidence);
        }
    }

    /** The packages read (those with classes), sorted. */
    public Set<String> packages() {
        return new TreeSet<>(edges.keySet());
    }

    /** The packages {@code from} uses, sorted. */
    public Set<String> uses(String from) {
        return new TreeSet<>(edges.getOrDefault(from, Map.of()).keySet());
    }

    /** Groups of two or more packages that reach each other (Tarjan's strongly connected components), sorted. */
    public List<Set<String>> cycles() {
        Tarjan t = new Tarjan();
        for (String p : edges.keySet()) {
            if (!t.index.containsKey(p)) {
                t.visit(p);
            }
        }
        t.groups.sort((a, b) -> a.iterator().next().compareTo(b.iterator().next()));
        return t.groups;
    }

    /** Each cycle with every edge inside it and the classes that make the edge, for a failure message. */
    public String describe(List<Set<String>> cycles) {
        StringBuilder sb = new StringBuilder(cycles.size() + " package cycle(s)");
        for (Set<String> group : cycles) {
            sb.append("\n  cycle ").append(String.join(" <-> ", group)).append(':');
            for (String from : group) {
                for (String to : uses(from)) {
                    if (group.contains(to)) {
                        List<String> why = new ArrayList<>(edges.get(from).get(to));
                        sb.append("\n    ").append(from).append(" -> ").append(to).append(": ")
                                .append(String.join("; ", why.subList(0, Math.min(EVIDENCE_SHOWN, why.size()))))
                                .append(why.size() > EVIDENCE_SHOWN ? "; ... (" + why.size() + " references)" : "");
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Tarjan's strongly connected components, iterating the package graph. */
    private final class Tarjan {
        final Map<String, Integer> index = new HashMap<>();
        final Map<String, Integer> low = new HashMap<>();
        final Deque<String> stack = new ArrayDeque<>();
        final Set<String> onStack = new TreeSet<>();
        final List<Set<String>> groups = new ArrayList<>();

        void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : uses(v)) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> group = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    group.add(w);
                } while (!w.equals(v));
                if (group.size() > 1) {
                    groups.add(group);
                }
            }
        }
    }
}
