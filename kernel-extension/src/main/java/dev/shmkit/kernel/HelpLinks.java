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
     * README.md of the shmkit checkout: above the kernel's classes when it runs from the build
     * ({@code kernel-extension/target/classes}), else above the kernel's working directory (Jupyter
     * starts it in the notebook's directory, {@code notebooks/} under {@code ./shmkit lab}, while an
     * installed kernelspec holds copies of the jars); null if neither is in a checkout.
     */
    static Path readme() {
        Path found = null;
        try {
            found = checkoutReadme(Path.of(HelpLinks.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            found = null;
        }
        return found != null ? found : checkoutReadme(Path.of("").toAbsolutePath());
    }

    private static Path checkoutReadme(Path start) {
        Path p = start;
        for (int up = 0; up < 5 && p != null; up++, p = p.getParent()) {
            Path r = p.resolve("README.md");
            if (Files.isRegularFile(r) && Files.isDirectory(p.resolve("kernel-extension"))) {
                return r;
            }
        }
        return null;
    }
}
