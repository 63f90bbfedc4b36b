package dev.shmkit.table;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.shorts.ShortArrayList;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.ShortColumn;

/**
 * Tablesaw columns that wrap an array without copying it, through the protected list
 * constructors ({@code DoubleColumn.create(name, double[])} would copy again).
 */
final class WrappedColumns {
    private WrappedColumns() {
    }

    static final class Doubles extends DoubleColumn {
        Doubles(String name, double[] values) {
            super(name, DoubleArrayList.wrap(values));
        }
    }

    static final class Ints extends IntColumn {
        Ints(String name, int[] values) {
            super(name, IntArrayList.wrap(values));
        }
    }

    static final class Shorts extends ShortColumn {
        Shorts(String name, short[] values) {
            super(name, ShortArrayList.wrap(values));
        }
    }
}
