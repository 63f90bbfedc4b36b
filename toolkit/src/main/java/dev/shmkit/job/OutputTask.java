package dev.shmkit.job;

import dev.shmkit.table.OutputRows;

import java.io.Serializable;

/**
 * A task that fills {@code rows} of an output table with no input table (a generator, a simulation):
 * {@code (rows, out) -> { for (int r = rows.from(); r < rows.to(); r++) out.column("i").setLong(r, r); }}
 */
@FunctionalInterface
public interface OutputTask extends Serializable {
    void apply(RowRange rows, OutputRows out) throws Exception;
}
