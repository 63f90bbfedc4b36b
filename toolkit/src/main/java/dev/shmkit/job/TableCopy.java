package dev.shmkit.job;

/** Copy-mode input of a table task: the range and the whole table's Arrow file bytes. */
public record TableCopy(RowRange range, byte[] arrowFile) {
}
