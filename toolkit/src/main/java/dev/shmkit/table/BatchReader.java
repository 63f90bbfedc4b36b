package dev.shmkit.table;

import dev.shmkit.memory.FaultSafeLoads;
import dev.shmkit.SegmentFormatException;
import dev.shmkit.memory.Mapping;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.CompressionType;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.RecordBatch;

/**
 * Walks a record batch's nodes and buffers in schema order, checking each buffer against the
 * body and the file and each length against the row count, and validating string offsets and
 * dictionary indices, so views can later read without checks.
 */
final class BatchReader {
    private final ArrowFileParser parser;
    private final Mapping mapping;
    private final RecordBatch batch;
    private final long bodyStart;
    private final long bodyLength;
    private final String what;
    private int nextBuffer;

    BatchReader(ArrowFileParser parser, RecordBatch batch, long bodyStart, long bodyLength, String what) {
        this.parser = parser;
        this.mapping = parser.mapping();
        this.batch = batch;
        this.bodyStart = bodyStart;
        this.bodyLength = bodyLength;
        this.what = what;
        if (batch.compression() != null) {
            throw fail("body is compressed (codec=" + CompressionType.name(batch.compression().codec())
                    + "); shmkit maps uncompressed files only (write with compression=None)");
        }
        mapping.checkRange(bodyStart, bodyLength, what + " body");
    }

    private SegmentFormatException fail(String problem) {
        return parser.fail(what + ": " + problem);
    }

    ColumnLayout column(int index, FieldType f, ColumnLayout dictionary, int rows) {
        FieldNode node = batch.nodes(index);
        String col = "column '" + f.name() + "'";
        if (node.length() != rows) {
            throw fail(col + " length=" + node.length() + " != rows=" + rows);
        }
        long nulls = node.nullCount();
        if (nulls < 0 || nulls > rows) {
            throw fail(col + " null_count=" + nulls + " out of range [0, " + rows + "]");
        }
        long validity = buffer(col + " validity", nulls == 0 ? 0 : ArrowFileDescriptor.bitmapLength(rows));
        if (nulls == 0) {
            validity = -1;
        }
        if (dictionary != null) {
            long indices = buffer(col + " indices", (long) rows * f.indexWidth());
            checkIndices(col, validity, indices, f.indexWidth(), rows, dictionarySize(dictionary));
            return new ColumnLayout(f.name(), rows, f.kind(), f.indexWidth(), 0, null, validity, indices, 0, 0, nulls, dictionary);
        }
        switch (f.kind()) {
            case UTF8, LARGE_UTF8 -> {
                long offsets = buffer(col + " offsets", rows == 0 ? 0 : (long) (rows + 1) * f.width());
                Buffer data = batch.buffers(nextBuffer);
                long dataStart = buffer(col + " data", 0);
                long dataLength = data.length();
                if (rows > 0) {
                    checkOffsets(col, offsets, f.width(), rows, dataLength);
                }
                return new ColumnLayout(f.name(), rows, f.kind(), f.width(), 0, null, validity, offsets, dataStart,
                        dataLength, nulls, null);
            }
            case BOOL -> {
                long bits = buffer(col + " values", ArrowFileDescriptor.bitmapLength(rows));
                return new ColumnLayout(f.name(), rows, f.kind(), 0, 0, null, validity, bits, 0, 0, nulls, null);
            }
            default -> {
                long values = buffer(col + " values", (long) rows * f.width());
                return new ColumnLayout(f.name(), rows, f.kind(), f.width(), f.timeUnit(), f.timezone(), validity, values,
                        0, 0, nulls, null);
            }
        }
    }

    void checkAllBuffersUsed() {
        if (nextBuffer != batch.buffersLength()) {
            throw fail("buffers=" + batch.buffersLength() + " but the schema needs " + nextBuffer);
        }
    }

    /** Validates the next buffer and returns its absolute file offset. */
    private long buffer(String name, long minLength) {
        if (nextBuffer >= batch.buffersLength()) {
            throw fail("buffers=" + batch.buffersLength() + " too few: " + name + " is buffer " + nextBuffer);
        }
        Buffer b = batch.buffers(nextBuffer++);
        long offset = b.offset();
        long length = b.length();
        if (offset < 0 || length < 0 || offset > bodyLength || length > bodyLength - offset) {
            throw fail(name + " buffer offset=" + offset + " length=" + length + " runs past the body (bodyLength="
                    + bodyLength + ", body at offset=" + bodyStart + ", file length=" + parser.length() + ")");
        }
        if (length < minLength) {
            throw fail(name + " buffer length=" + length + " < needed=" + minLength + " for the row count");
        }
        long abs = bodyStart + offset;
        mapping.checkRange(abs, length, name + " buffer");
        return abs;
    }

    private void checkOffsets(String col, long offsets, int width, int rows, long dataLength) {
        long address = mapping.address() + offsets;
        long prev = read(address, width);
        if (prev < 0) {
            throw fail(col + " first offset=" + prev + " < 0");
        }
        for (int i = 1; i <= rows; i++) {
            long v = read(address + (long) i * width, width);
            if (v < prev) {
                throw fail(col + " offsets decrease at row=" + (i - 1) + " (" + prev + " > " + v + ")");
            }
            prev = v;
        }
        if (prev > dataLength) {
            throw fail(col + " last offset=" + prev + " > data length=" + dataLength);
        }
    }

    private void checkIndices(String col, long validity, long indices, int width, int rows, long size) {
        long base = mapping.address();
        for (int i = 0; i < rows; i++) {
            if (validity >= 0 && (Mem.U.getByte(base + validity + (i >>> 3)) & (1 << (i & 7))) == 0) {
                continue;
            }
            long v = read(base + indices + (long) i * width, width);
            if (v < 0 || v >= size) {
                throw fail(col + " dictionary index=" + v + " at row=" + i + " out of range [0, " + size + ")");
            }
        }
    }

    private static long dictionarySize(ColumnLayout dictionary) {
        return dictionary.rows;
    }

    static long read(long address, int width) {
        return switch (width) {
            case 1 -> Mem.U.getByte(address);
            case 2 -> Mem.U.getShort(address);
            case 4 -> FaultSafeLoads.int32(address);
            default -> Mem.U.getLong(address);
        };
    }
}
