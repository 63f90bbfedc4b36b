package dev.shmkit.table;

import dev.shmkit.segment.SegmentId;

import java.io.Serializable;

/**
 * Where an {@link OutputTable}'s values go: the draft's id, its row count and schema, and the file
 * offset of each column's value buffer. Small and serializable: a job ships it to every worker, which
 * maps the draft by id and writes at these offsets ({@link OutputRows#attach}).
 *
 * @param draft   the draft segment (mapped read-write by writers)
 * @param rows    rows of the table
 * @param schema  its columns
 * @param offsets file offset of each column's value buffer (64-aligned)
 */
public record OutputLayout(SegmentId draft, int rows, OutputSchema schema, long[] offsets) implements Serializable {
}
