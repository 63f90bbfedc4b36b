package dev.shmkit.kernel;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The class path cells compile against: the kernel's, less the jars of Maven's resolver that only
 * {@code %maven} uses. JShell indexes and compiles against every jar it is given, so some 20
 * resolver jars (Maven model, Apache HttpClient, Plexus) would slow every cell and offer their
 * classes in completion, for nothing a notebook uses.
 */
final class CellClassPath {
    /** File-name prefixes of the jars {@code maven-resolver-supplier-mvn3} brings in for {@link MavenArtifacts}. */
    static final List<String> KERNEL_ONLY = List.of("maven-resolver-", "maven-model", "maven-builder-support",
            "maven-repository-metadata", "maven-artifact", "plexus-", "httpclient-", "httpcore-", "commons-codec-",
            "jcl-over-slf4j-");

    private CellClassPath() {
    }

    /** {@code classPath} (entries joined by {@link File#pathSeparator}) without the kernel-only jars. */
    static String forCells(String classPath) {
        return String.join(File.pathSeparator, Arrays.stream(classPath.split(File.pathSeparator))
                .filter(e -> !e.isEmpty() && !kernelOnly(e)).toList());
    }

    private static boolean kernelOnly(String entry) {
        Path name = Path.of(entry).getFileName();
        String n = name == null ? "" : name.toString();
        return n.endsWith(".jar") && KERNEL_ONLY.stream().anyMatch(n::startsWith);
    }
}
