package dev.shmkit.pool.local;

import dev.shmkit.ShmkitException;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SpaceDirExtension.class)
class ResultFilesTest {
    private static final long PID = ProcessHandle.current().pid();

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldNameFilesByOwnerAndLetTheParentAdoptThem(Path dir) throws Exception {
        String mine = ResultFiles.fresh(3, 17, "res");
        assertTrue(mine.startsWith("t3-17." + PID + "."), mine);
        assertEquals(PID, ResultFiles.owner(mine));
        Path worker = Files.createFile(dir.resolve("t3-18.999999.5.res"));
        Path other = Files.createFile(dir.resolve("t3-19.999999.6.arrow"));
        Path adopted = ResultFiles.adopt(ResultFiles.resolve(dir, worker.getFileName().toString()));
        assertEquals("t3-18." + PID + ".5.res", adopted.getFileName().toString());
        assertEquals(1, ResultFiles.removeOwnedBy(dir, 999_999), "the dead worker's unadopted file");
        assertEquals(List.of("t3-18." + PID + ".5.res"), names(dir));
        assertTrue(Files.notExists(other));
        assertEquals(1, ResultFiles.removeOwnedBy(dir, PID));
    }

    @Test
    void shouldRefuseNamesThatAreNotResultFiles(Path dir) {
        for (String bad : List.of("../t1-1.5.5.res", ".t1-1.5.5.res", "big.v1.p5.obj", "t1-1.x.5.res")) {
            ShmkitException e = assertThrows(ShmkitException.class, () -> ResultFiles.resolve(dir, bad));
            assertTrue(e.getMessage().contains("name='" + bad + "'"), e.getMessage());
        }
    }
}
