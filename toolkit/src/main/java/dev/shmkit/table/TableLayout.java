package dev.shmkit.table;

import java.util.List;
import java.util.Map;

/** The validated columns, schema metadata and row count of one mapped Arrow file. */
record TableLayout(List<ColumnLayout> columns, Map<String, String> metadata, int rows) {
}
