package dev.shmkit.job;

import dev.shmkit.segment.SegmentId;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Proxy-mode input of a table task: the range, and what the worker needs to build a proxy view — the
 * holder's registration handle, the schema (names and Tablesaw type names, a few bytes per column) and
 * the row count. No table bytes travel with it; the task's reads are requests.
 *
 * @param range   rows of the task
 * @param table   the version the parent answers from
 * @param handle  the parent's registration of the table ({@link dev.shmkit.table.proxy.ProxyServer#register})
 * @param names   column names in order
 * @param types   their Tablesaw type names
 * @param rows    rows of the whole table
 */
public record TableProxy(RowRange range, SegmentId table, long handle, String[] names, String[] types, int rows)
        implements Serializable {
    /** Column name to Tablesaw type name, in order. */
    public Map<String, String> schema() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], types[i]);
        }
        return m;
    }
}
