package dev.shmkit.kernel;

import dev.shmkit.ShmkitException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves Maven coordinates ({@code group:artifact:version}, or {@code group:artifact:extension:version},
 * {@code group:artifact:extension:classifier:version}) with their runtime dependencies, transitively,
 * from Maven Central with Maven's own resolver library, into the local repository
 * ({@value #REPO_PROPERTY}, default {@code ~/.m2/repository}: what Maven itself caches, so a second
 * resolution downloads nothing). What {@code %maven} adds to the class path.
 */
final class MavenArtifacts {
    /** Local repository directory; the default is Maven's own cache, shared with mvn. */
    static final String REPO_PROPERTY = "shmkit.maven.repo";
    /** Remote repository URL; the default is Maven Central, where JJava's and IJava's users resolve from too. */
    static final String REMOTE_PROPERTY = "shmkit.maven.remote";
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private MavenArtifacts() {
    }

    /** The local repository artifacts are cached in. */
    static Path localRepository() {
        String p = System.getProperty(REPO_PROPERTY);
        return p != null && !p.isBlank() ? Path.of(p).toAbsolutePath()
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Jar paths of {@code coordinates} and their runtime dependencies, in resolution order, without duplicates. */
    static List<Path> resolve(List<String> coordinates) {
        RemoteRepository remote = new RemoteRepository.Builder("central", "default",
                System.getProperty(REMOTE_PROPERTY, CENTRAL)).build();
        CollectRequest collect = new CollectRequest();
        for (String c : coordinates) {
            collect.addDependency(new Dependency(artifact(c), JavaScopes.RUNTIME));
        }
        collect.setRepositories(List.of(remote));
        Set<Path> paths = new LinkedHashSet<>();
        try (RepositorySystem system = new RepositorySystemSupplier().get();
             RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
                     .withLocalRepositoryBaseDirectories(localRepository())
                     .setSystemProperties(System.getProperties())
                     .build()) {
            DependencyRequest request = new DependencyRequest(collect,
                    DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
                if (r.getArtifact() != null && r.getArtifact().getPath() != null) {
                    paths.add(r.getArtifact().getPath().toAbsolutePath());
                }
            }
        } catch (DependencyResolutionException e) {
            throw new ShmkitException("%maven: cannot resolve " + String.join(" ", coordinates) + " from "
                    + remote.getUrl() + " into " + localRepository() + ": " + rootMessage(e)
                    + "; check the coordinates on https://central.sonatype.com and the network", e);
        }
        return new ArrayList<>(paths);
    }

    /**
     * {@code jars} less those whose file name is already on the cells' class path (the kernel's own
     * Tablesaw, Kryo, slf4j ...): a second copy of a library in another loader breaks more than it adds.
     */
    static List<Path> notOnClassPath(List<Path> jars) {
        Set<String> present = new HashSet<>();
        for (String e : CellClassPath.forCells(System.getProperty("java.class.path", "")).split(File.pathSeparator)) {
            Path name = e.isEmpty() ? null : Path.of(e).getFileName();
            if (name != null) {
                present.add(name.toString());
            }
        }
        return jars.stream().filter(j -> !present.contains(j.getFileName().toString())).toList();
    }

    private static DefaultArtifact artifact(String coordinates) {
        try {
            return new DefaultArtifact(coordinates.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("%maven: bad coordinates '" + coordinates
                    + "'; expected group:artifact:version, e.g. org.apache.commons:commons-lang3:3.14.0", e);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (cause: " + c + ")";
    }
}
