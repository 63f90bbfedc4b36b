package dev.shmkit.space;

import dev.shmkit.data.TableGenerator;
import dev.shmkit.job.JobOptions;
import dev.shmkit.memory.TmpfsMount;
import dev.shmkit.pool.WorkerPool;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentChild;
import dev.shmkit.segment.SegmentFile;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.table.ArrowTableWriter;
import dev.shmkit.table.SharedTable;
import dev.shmkit.testing.ChildJvm;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code space.remove} and {@code space.close} give a version's bytes back to the device at once when
 * nobody else maps it, and only when the last other process unmaps it otherwise; measured as free
 * bytes of a small tmpfs mounted for the test (or /dev/shm deltas when mounting is refused).
 */
@ExtendWith(SpaceDirExtension.class)
class SpaceMemoryIT {
    private static final int ROWS = 6_250_000; // one double column: 50 MB
    private static final long TABLE_BYTES = ROWS * 8L;
    /** Free-space noise allowed: exact on a private tmpfs; other users of /dev/shm move it in the fallback. */
    private long tolerance;
    private TmpfsMount mount;
    private Path device;
    private static Table table;

    @BeforeEach
    void mount(Path dir) throws Exception {
        device = dir.resolve("tmpfs");
        mount = TmpfsMount.mount(device, 256);
        if (mount == null) {
            System.err.println("[SpaceMemoryIT] no private tmpfs (mount refused, see above): measuring /dev/shm deltas");
            Files.createDirectories(device);
            tolerance = 20L << 20;
        } else {
            tolerance = 1L << 20;
        }
        if (table == null) {
            table = TableGenerator.rows(ROWS).doubles(1).generate();
        }
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            mount.close();
        }
    }

    private long free() {
        return ProcResources.usableBytes(device);
    }

    private void assertFreedSince(long before, String when) {
        long now = free();
        assertTrue(now >= before - tolerance, when + ": free=" + now + " < before=" + before + " - tolerance=" + tolerance);
    }

    private long awaitFreedSince(long before) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (free() < before - tolerance && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return free();
    }

    @Test
    void shouldGiveTheBytesBackAtOnceOnRemoveAndOnClose() {
        Path spaceDir = device.resolve("s");
        SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir));
        long before = free();
        try (SharedTable t = space.publish("big", table); SharedTable again = space.table("big")) {
            assertEquals(ROWS, again.rowCount());
        }
        space.list();
        assertTrue(free() <= before - TABLE_BYTES + tolerance, "published: free=" + free() + " before=" + before);
        assertTrue(space.remove("big"));
        assertFreedSince(before, "right after remove");
        space.publish("big", table).close();
        space.put("obj", new double[1_000_000]);
        assertTrue(free() <= before - TABLE_BYTES + tolerance);
        space.close();
        assertFreedSince(before, "right after close");
        assertEquals(0, ProcResources.mapsUnder(ProcResources.self(), spaceDir).size());
    }

    @Test
    void shouldKeepTheBytesWhileAnotherProcessMapsTheVersionAndFreeThemWhenItUnmaps() throws Exception {
        Path spaceDir = device.resolve("s");
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
            long before = free();
            for (String how : new String[] {"remove", "republish"}) {
                SegmentId id;
                try (SharedTable t = space.publish("big", table)) {
                    id = t.id();
                }
                try (ChildJvm holder = ChildJvm.start(SegmentChild.class, "hold", spaceDir.toString(), "big",
                        Long.toString(id.version()))) {
                    assertEquals("mapped rows " + ROWS, holder.expect("mapped", 60));
                    if (how.equals("remove")) {
                        space.remove("big");
                    } else {
                        space.publish("big", SpaceChild.ramp(10, 0)).close();
                    }
                    assertTrue(free() <= before - TABLE_BYTES + tolerance,
                            how + ": another process maps the version, its bytes stay: free=" + free());
                    assertTrue(Files.exists(spaceDir.resolve(".retired")), how);
                    holder.send("exit");
                    assertEquals("unmapped", holder.expect("unmapped", 30));
                    if (how.equals("republish")) {
                        // superseded, unmapped: kept as a spare for the next publish; remove gives it back
                        try (var spares = Files.list(spaceDir.resolve(".spare"))) {
                            assertEquals(1, spares.count(), "parked as a spare");
                        }
                        assertTrue(free() <= before - TABLE_BYTES + tolerance, "a spare holds its pages: free=" + free());
                        space.remove("big");
                    }
                    long after = awaitFreedSince(before);
                    assertTrue(after >= before - tolerance, how + ": freed when the holder unmapped (before it exited): free="
                            + after + " before=" + before);
                    assertTrue(holder.process().isAlive());
                    holder.send("quit");
                    assertEquals(0, holder.waitFor(30));
                }
                space.remove("big");
            }
        }
    }

    @Test
    void shouldGiveBackOnCloseAVersionWhoseLastMapperWasKilled() throws Exception {
        Path spaceDir = device.resolve("s");
        SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir));
        long before = free();
        SegmentId id;
        try (SharedTable t = space.publish("big", table)) {
            id = t.id();
        }
        try (ChildJvm holder = ChildJvm.start(SegmentChild.class, "hold", spaceDir.toString(), "big",
                Long.toString(id.version()))) {
            assertEquals("mapped rows " + ROWS, holder.expect("mapped", 60));
            space.remove("big");
            holder.process().destroyForcibly().waitFor(); // SIGKILL: it never unmaps, so never unlinks
        }
        Path retired = spaceDir.resolve(".retired");
        try (var files = Files.list(retired)) {
            assertEquals(1, files.count(), "the removed version waits in .retired/ for its mapper");
        }
        assertTrue(free() <= before - TABLE_BYTES + tolerance, "its bytes are still held: free=" + free());
        space.close();
        try (var files = Files.list(retired)) {
            assertEquals(0, files.count(), "close unlinks the retired version nobody maps any more");
        }
        assertFreedSince(before, "right after close");
    }

    @Test
    void shouldGiveBackARetiredVersionWhenThePoolThatMappedItClosesGracefully() throws Exception {
        Path spaceDir = device.resolve("s");
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
            long before = free();
            Path file;
            try (WorkerPool pool = WorkerPool.start(2)) {
                // through the store and attached by id: the space pins nothing, so only the workers map it after the job
                SegmentFile published = space.store().publish("big", SegmentKind.TABLE, tmp -> ArrowTableWriter.write(table, tmp));
                file = published.path();
                try (SharedTable t = SharedTable.attach(LocalSegmentSource.get(), published.id())) {
                    String x = t.columnNames().get(0);
                    double sum = pool.map(t, (v, r) -> v.doubleColumn(x).sum(r.from(), r.to()), JobOptions.defaults().chunkCount(40))
                            .reduce(0.0, Double::sum);
                    assertEquals(table.doubleColumn(0).sum(), sum, 1e-6 * Math.abs(sum));
                }
                assertEquals(List.of(), ProcResources.mappedFilesUnder(ProcResources.self(), spaceDir), "the test's JVM maps nothing");
                long mappers = pool.workers().stream().filter(w -> !ProcResources.mappedFilesUnder(w.pid(), spaceDir).isEmpty()).count();
                assertTrue(mappers >= 1, "a worker maps the table after the job");
                // retired the way another process's remove does it: no event reaches this pool, its workers keep it mapped
                Files.move(file, spaceDir.resolve(".retired").resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            assertEquals(0, awaitFiles(spaceDir.resolve(".retired"), 0), "the workers unmapped it before exiting, and the last one unlinked it");
            assertFreedSince(before, "after the pool closed, the space still open");
        }
    }

    /** How many files {@code dir} holds once it holds {@code wanted}, or after 10 s. */
    private static long awaitFiles(Path dir, long wanted) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            long n;
            try (var files = Files.list(dir)) {
                n = files.count();
            }
            if (n == wanted || System.nanoTime() > deadline) {
                return n;
            }
            Thread.sleep(10);
        }
    }
}
