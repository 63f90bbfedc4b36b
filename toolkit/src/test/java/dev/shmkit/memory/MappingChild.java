package dev.shmkit.memory;

import dev.shmkit.testing.ProcResources;

import java.nio.file.Path;

/** Child of {@link MappingIT}: maps a file, closes it, prints how many maps lines of it remain. */
public final class MappingChild {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        Mapping m = Mapping.readOnly(file);
        int before = ProcResources.mapsUnder(ProcResources.self(), file.getParent()).size();
        m.close();
        int after = ProcResources.mapsUnder(ProcResources.self(), file.getParent()).size();
        System.out.println("retain=" + System.getProperty(Mapping.RETAIN_PROPERTY) + " mapped=" + before + " after-close=" + after);
    }
}
