package dev.shmkit.job;

import dev.shmkit.table.SharedTable;

import java.io.Serializable;

/**
 * A task of a table map: computes one result from {@code range} of {@code view}. The view is the
 * whole table mapped in the worker (zero-copy, attached once per worker), so the task reads its
 * rows straight from shared memory: {@code (view, r) -> view.doubleColumn("x").sum(r.from(), r.to())}.
 */
@FunctionalInterface
public interface RowTask<R> extends Serializable {
    R apply(SharedTable view, RowRange range) throws Exception;
}
