package dev.shmkit.table;

import dev.shmkit.ShmkitException;
import tech.tablesaw.api.ColumnType;

/**
 * The schema-only column layouts of a proxy table (no buffers: nothing is mapped) and its views,
 * which send every read through a {@link ColumnReads}.
 */
final class ProxyLayouts {
    /** Types whose views read through a {@link ColumnReads}. */
    static final String SUPPORTED = "DOUBLE, LONG, INTEGER, STRING";

    private ProxyLayouts() {
    }

    /** A layout that only names the column and its type (offsets -1: there is no file). */
    static ColumnLayout column(String name, ColumnType type, int rows) {
        ColumnLayout.Kind kind = switch (type.name()) {
            case "DOUBLE" -> ColumnLayout.Kind.DOUBLE;
            case "FLOAT" -> ColumnLayout.Kind.FLOAT;
            case "INTEGER" -> ColumnLayout.Kind.INT32;
            case "SHORT" -> ColumnLayout.Kind.INT16;
            case "LONG" -> ColumnLayout.Kind.INT64;
            case "BOOLEAN" -> ColumnLayout.Kind.BOOL;
            case "STRING" -> ColumnLayout.Kind.UTF8;
            case "LOCAL_DATE" -> ColumnLayout.Kind.DATE_DAY;
            case "LOCAL_TIME" -> ColumnLayout.Kind.TIME;
            case "LOCAL_DATE_TIME", "INSTANT" -> ColumnLayout.Kind.TIMESTAMP;
            default -> throw new ShmkitException("proxy table: column '" + name + "' has type=" + type.name()
                    + ", which shmkit tables do not hold");
        };
        String zone = type.name().equals("INSTANT") ? "UTC" : null;
        return new ColumnLayout(name, rows, kind, 0, 0, zone, -1, -1, -1, 0, 0, null);
    }

    /** The proxy view of {@code c}, or a failure naming the types a proxy reads and the fix. */
    static ColumnView view(ColumnLayout c, int base, int size, ColumnReads reads, String table) {
        return switch (c.tablesawType().name()) {
            case "DOUBLE" -> new DoubleColumnView(c, base, size, reads);
            case "LONG" -> new LongColumnView(c, base, size, reads);
            case "INTEGER" -> new IntColumnView(c, base, size, reads);
            case "STRING" -> new StringColumnView(c, base, size, reads);
            default -> throw new ShmkitException("proxy mode: column '" + c.name + "' of " + table + " has type="
                    + c.tablesawType().name() + "; proxy views read " + SUPPORTED + " columns only (fix: run this"
                    + " job in share or copy mode, JobOptions.defaults().shareTable())");
        };
    }
}
