package dev.shmkit.pool;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.RowRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChunkingTest {
    @Test
    void shouldChunkLikePythonPoolMapByDefault() {
        JobOptions o = JobOptions.defaults();
        assertEquals(12_500, Chunking.itemChunk(100_000, o, 2));
        assertEquals(4, Chunking.itemChunk(100, o, 7));
        assertEquals(1, Chunking.itemChunk(3, o, 8));
        assertEquals(1, Chunking.itemChunk(0, o, 2));
        assertEquals(100, Chunking.itemChunk(100_000, o.chunkSize(100), 2));
    }

    @Test
    void shouldCutRowsByChunkRowsThenChunkCountThenFourPerWorker() {
        JobOptions o = JobOptions.defaults();
        assertEquals(List.of(new RowRange(0, 4), new RowRange(4, 8), new RowRange(8, 10)),
                Chunking.rowRanges(10, o.chunkRows(4).chunkCount(2), 3));
        assertEquals(List.of(new RowRange(0, 5), new RowRange(5, 10)), Chunking.rowRanges(10, o.chunkCount(2), 3));
        assertEquals(8, Chunking.rowRanges(800, o, 2).size());
        assertEquals(List.of(), Chunking.rowRanges(0, o, 2));
        assertEquals(List.of(new RowRange(0, 2), new RowRange(2, 3)), Chunking.itemRanges(3, o.chunkSize(2), 1));
    }
}
