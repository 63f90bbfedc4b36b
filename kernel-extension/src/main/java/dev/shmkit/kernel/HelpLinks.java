package dev.shmkit.kernel;

import org.dflib.jjava.jupyter.kernel.HelpLink;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The kernel's Help menu: shmkit's README (from the checkout the kernel runs from), Tablesaw, JJava, Java. */
final class HelpLinks {
    /** Tablesaw's user guide, the dataframe notebook cells use. */
    static final String TABLESAW = "https://jtablesaw.github.io/tablesaw/";
    /** JJava, the kernel library shmkit's kernel is built on (its README documents the magics and kernel options). */
    static final String JJAVA = "https://github.com/dflib/jjava";
    /** The Java SE 17 API documentation. */
    static final String JAVA_API = "https://docs.oracle.com/en/java/javase/17/docs/api/";

    private HelpLinks() {
    }

    static List<HelpLink> all() {
        List<HelpLink> links = new ArrayList<>();
        Path readme = readme();
        if (readme != null) {
            links.add(new HelpLink("shmkit README", readme.toUri().toString()));
        }
        links.add(new HelpLink("Tablesaw", TABLESAW));
        links.add(new HelpLink("JJava", JJAVA));
        links.add(new HelpLink("Java 17 API", JAVA_API));
        return links;
    }

    /**
     * README.md of the checkout the kernel's classes come from: the kernel runs from
     * {@code kernel-extension/target/classes} or {@code kernel-extension/target/*.jar}, so the
     * README is three or four levels up; null if it is not there (an installed copy elsewhere).
     */
    static Path readme() {
        try {
            Path p = Path.of(HelpLinks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (int up = 0; up < 5 && p != null; up++, p = p.getParent()) {
                Path r = p.resolve("README.md");
                if (Files.isRegularFile(r) && Files.isDirectory(p.resolve("kernel-extension"))) {
                    return r;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
