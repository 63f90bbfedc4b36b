package dev.shmkit.faults;

import dev.shmkit.object.ClassNotAllowedException;
import dev.shmkit.object.ObjectSegment;

import java.nio.file.Path;
import java.util.List;

/** Child main: reads a planted object segment as a List and reports whether {@link Recorder}'s code ran. */
public final class PlantedReaderChild {
    private PlantedReaderChild() {
    }

    public static void main(String[] args) {
        try (ObjectSegment seg = ObjectSegment.open(Path.of(args[0]))) {
            List<?> value = seg.read(List.class);
            System.out.println("read size=" + value.size());
        } catch (ClassNotAllowedException e) {
            System.out.println("refused " + e.getMessage());
        }
        System.out.println("recorder init=" + System.getProperty(Recorder.INIT, "no")
                + " constructed=" + System.getProperty(Recorder.CONSTRUCTED, "no"));
    }
}
