package dev.shmkit.table;

import dev.shmkit.ShmkitException;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.shorts.ShortArrayList;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;

import java.lang.reflect.Field;

/**
 * The backing arrays of Tablesaw's numeric columns, without a copy: Tablesaw keeps them in a
 * protected {@code data} fastutil list whose {@code elements()} array may be longer than the column.
 */
final class FastutilArrays {
    private static final Field DOUBLES = dataField(DoubleColumn.class);
    private static final Field FLOATS = dataField(FloatColumn.class);
    private static final Field INTS = dataField(IntColumn.class);
    private static final Field LONGS = dataField(LongColumn.class);
    private static final Field SHORTS = dataField(ShortColumn.class);

    private FastutilArrays() {
    }

    private static Field dataField(Class<?> type) {
        try {
            Field f = type.getDeclaredField("data");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ShmkitException("cannot reach " + type.getName() + ".data (Tablesaw version changed?): " + e, e);
        }
    }

    private static Object get(Field f, Object column) {
        try {
            return f.get(column);
        } catch (IllegalAccessException e) {
            throw new ShmkitException("cannot read " + f + ": " + e, e);
        }
    }

    static double[] of(DoubleColumn c) {
        return ((DoubleArrayList) get(DOUBLES, c)).elements();
    }

    static float[] of(FloatColumn c) {
        return ((FloatArrayList) get(FLOATS, c)).elements();
    }

    static int[] of(IntColumn c) {
        return ((IntArrayList) get(INTS, c)).elements();
    }

    static long[] of(LongColumn c) {
        return ((LongArrayList) get(LONGS, c)).elements();
    }

    static short[] of(ShortColumn c) {
        return ((ShortArrayList) get(SHORTS, c)).elements();
    }
}
