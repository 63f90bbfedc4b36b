package dev.shmkit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Checks that every package of a source root has a {@code package-info.java} whose Javadoc is one sentence. */
public final class PackageInfos {
    private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/\\s*package\\s", Pattern.DOTALL);
    /** The end of a sentence: a full stop, question or exclamation mark followed by a space or the end. */
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](\\s|$)");

    private PackageInfos() {
    }

    /** One line per package that has Java sources but no package-info, or whose package Javadoc is not one sentence. */
    public static List<String> problems(Path sourceRoot) {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(sourceRoot)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                if (!hasJava(dir)) {
                    continue;
                }
                String pkg = sourceRoot.relativize(dir).toString().replace('/', '.');
                Path info = dir.resolve("package-info.java");
                if (!Files.exists(info)) {
                    problems.add(pkg + ": no package-info.java");
                    continue;
                }
                Matcher m = JAVADOC.matcher(Files.readString(info));
                if (!m.find()) {
                    problems.add(pkg + ": package-info.java has no Javadoc before 'package'");
                    continue;
                }
                String text = m.group(1).replaceAll("(?m)^\\s*\\*", " ").replaceAll("\\s+", " ").strip();
                long sentences = SENTENCE_END.matcher(text).results().count();
                if (sentences != 1 || !text.endsWith(".")) {
                    problems.add(pkg + ": package Javadoc is not one sentence (sentences=" + sentences + "): " + text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    private static boolean hasJava(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.toString().endsWith(".java") && !p.getFileName().toString().equals("package-info.java"));
        }
    }
}
