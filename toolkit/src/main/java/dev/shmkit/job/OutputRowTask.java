package dev.shmkit.job;

import dev.shmkit.table.OutputRows;
import dev.shmkit.table.SharedTable;

import java.io.Serializable;

/**
 * A task of a map from a table into an output table: reads {@code rows} of {@code view} (zero-copy) and
 * writes the same rows of the output in place through {@code out}, which refuses any other row:
 * {@code (view, rows, out) -> { var x = view.doubleColumn("x"); var y = out.column("y");
 * for (int r = rows.from(); r < rows.to(); r++) y.setDouble(r, 2 * x.get(r)); }}
 */
@FunctionalInterface
public interface OutputRowTask extends Serializable {
    void apply(SharedTable view, RowRange rows, OutputRows out) throws Exception;
}
