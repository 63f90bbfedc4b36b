package dev.shmkit.table;

import dev.shmkit.memory.MappedWrites;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import static dev.shmkit.table.ArrowFileDescriptor.ALIGNMENT;
import static dev.shmkit.table.ArrowFileDescriptor.CONTINUATION;
import static dev.shmkit.table.ArrowFileDescriptor.EOS_LENGTH;
import static dev.shmkit.table.ArrowFileDescriptor.HEADER_LENGTH;
import static dev.shmkit.table.ArrowFileDescriptor.MAGIC;
import static dev.shmkit.table.ArrowFileDescriptor.MESSAGE_PREFIX_LENGTH;
import static dev.shmkit.table.ArrowFileDescriptor.TRAILER_LENGTH;
import static dev.shmkit.table.ArrowFileDescriptor.paddedBufferLength;
import static dev.shmkit.table.ArrowFileDescriptor.paddedMetadataLength;

/**
 * Every offset of one file, computed before anything is written: messages, bodies, buffers and
 * the footer, hence the exact file length to reserve.
 *
 * <p>A plan may assume that some numeric columns have no missing value without having scanned them
 * ({@link EncodedColumn#missingUnchecked()}): their values are checked while they are written, and when one
 * is missing the writing stops early and {@link #missingFound()} tells the caller to plan again (with a
 * bitmap) and write the file again; what was written is incomplete.
 */
final class FilePlan {
    /** One message: its metadata flatbuffer and (for batches) its body's buffers. */
    private record Part(long offset, byte[] metadata, int paddedMetadata, long[] lengths, long bodyLength,
                        BufferSource source, IntPredicate checkMissing) {
        long end() {
            return offset + MESSAGE_PREFIX_LENGTH + paddedMetadata + bodyLength;
        }
    }

    /** A message's body buffers: buffer {@code index} is the first {@code lengths[index]} bytes of this array. */
    @FunctionalInterface
    private interface BufferSource {
        Object array(int index);
    }

    private final List<Part> parts = new ArrayList<>();
    private byte[] footer;
    private long footerOffset;
    private long total;
    private boolean missingFound;
    /** Per column, rows planned as missing (all zero for columns planned unscanned). */
    private long[] nullCounts;

    private FilePlan() {
    }

    static FilePlan of(int rows, List<EncodedColumn> columns, Map<String, String> metadata) {
        FilePlan plan = new FilePlan();
        byte[] schema = MetadataWriter.schemaMessage(columns, metadata);
        long pos = HEADER_LENGTH;
        Part schemaPart = new Part(pos, schema, paddedMetadataLength(pos, schema.length), new long[0], 0, null, i -> false);
        plan.parts.add(schemaPart);
        pos = schemaPart.end();
        List<MetadataWriter.BlockRef> dictBlocks = new ArrayList<>();
        for (EncodedColumn c : columns) {
            DictionaryValues d = c.dictionary();
            if (d == null) {
                continue;
            }
            long[] lengths = d.bufferLengths();
            long[] offsets = offsets(lengths);
            long body = bodyLength(lengths);
            byte[] meta = MetadataWriter.dictionaryMessage(d, offsets, lengths, body);
            Part p = new Part(pos, meta, paddedMetadataLength(pos, meta.length), lengths, body,
                    d::buffer, i -> false);
            plan.parts.add(p);
            dictBlocks.add(new MetadataWriter.BlockRef(pos, MESSAGE_PREFIX_LENGTH + p.paddedMetadata(), body));
            pos = p.end();
        }
        List<Long> lengthList = new ArrayList<>();
        List<int[]> owners = new ArrayList<>(); // {column, buffer index within column (0 = validity)}
        long[] nullCounts = new long[columns.size()];
        plan.nullCounts = nullCounts;
        for (int ci = 0; ci < columns.size(); ci++) {
            EncodedColumn c = columns.get(ci);
            nullCounts[ci] = c.nullCount;
            lengthList.add(c.validityLength());
            owners.add(new int[] {ci, 0});
            long[] values = c.valueBufferLengths();
            for (int bi = 0; bi < values.length; bi++) {
                lengthList.add(values[bi]);
                owners.add(new int[] {ci, bi + 1});
            }
        }
        long[] lengths = lengthList.stream().mapToLong(Long::longValue).toArray();
        long[] offsets = offsets(lengths);
        long body = bodyLength(lengths);
        byte[] meta = MetadataWriter.recordBatchMessage(rows, nullCounts, offsets, lengths, body);
        Part batch = new Part(pos, meta, paddedMetadataLength(pos, meta.length), lengths, body, i -> {
            int[] owner = owners.get(i);
            EncodedColumn c = columns.get(owner[0]);
            return owner[1] == 0 ? c.validity : c.valueBuffer(owner[1] - 1);
        }, i -> owners.get(i)[1] > 0 && columns.get(owners.get(i)[0]).missingUnchecked());
        plan.parts.add(batch);
        pos = batch.end();
        MetadataWriter.BlockRef batchBlock =
                new MetadataWriter.BlockRef(batch.offset(), MESSAGE_PREFIX_LENGTH + batch.paddedMetadata(), body);
        plan.footerOffset = pos + EOS_LENGTH;
        plan.footer = MetadataWriter.footer(columns, metadata, dictBlocks, batchBlock);
        plan.total = plan.footerOffset + plan.footer.length + TRAILER_LENGTH;
        return plan;
    }

    private static long[] offsets(long[] lengths) {
        long[] offsets = new long[lengths.length];
        long at = 0;
        for (int i = 0; i < lengths.length; i++) {
            offsets[i] = at;
            at += paddedBufferLength(lengths[i]);
        }
        return offsets;
    }

    private static long bodyLength(long[] lengths) {
        long body = 0;
        for (long l : lengths) {
            body += paddedBufferLength(l);
        }
        return body;
    }

    long totalLength() {
        return total;
    }

    /**
     * Absolute file offsets of the record batch's buffers, in schema order (per column: validity, then
     * its value buffers): where writers put values in place in a file laid out by {@link #writeMetadataTo}.
     */
    long[] batchBufferOffsets() {
        Part batch = parts.get(parts.size() - 1);
        long[] out = offsets(batch.lengths());
        long body = batch.offset() + MESSAGE_PREFIX_LENGTH + batch.paddedMetadata();
        for (int i = 0; i < out.length; i++) {
            out[i] += body;
        }
        return out;
    }

    /**
     * The bodies' buffers (every non-empty one) and their absolute file offsets: what
     * {@link #writeMetadataTo} skips.
     */
    List<MappedWrites.Piece> bodyPieces() {
        List<MappedWrites.Piece> out = new ArrayList<>();
        for (Part p : parts) {
            long[] at = offsets(p.lengths());
            long body = p.offset() + MESSAGE_PREFIX_LENGTH + p.paddedMetadata();
            for (int i = 0; i < at.length; i++) {
                if (p.lengths()[i] > 0) {
                    out.add(new MappedWrites.Piece(p.source().array(i), p.lengths()[i], body + at[i], p.checkMissing().test(i)));
                }
            }
        }
        return out;
    }

    /**
     * Whether writing found a missing value in a column planned without a bitmap: the file written is incomplete;
     * plan it again with the column scanned and write it again.
     */
    boolean missingFound() {
        return missingFound;
    }

    /** Whether column {@code index} was planned with missing rows (a validity bitmap). */
    boolean hasMissing(int index) {
        return nullCounts[index] > 0;
    }

    /** Records what {@link MappedWrites#copy} of {@link #bodyPieces()} returned. */
    void bodiesCopied(boolean missingFound) {
        this.missingFound |= missingFound;
    }

    /** Writes the whole file (or stops early, see {@link #missingFound()}). */
    void writeTo(FileChannel ch) throws IOException {
        writeTo(ch, false);
    }

    /**
     * Writes everything but the buffers' bytes, which are skipped (their padding is written): into a
     * zero-filled file of {@link #totalLength()} bytes this lays out a complete file whose values are all
     * zero; {@link #bodyPieces()} then fill the rest, whatever the file held before.
     */
    void writeMetadataTo(FileChannel ch) throws IOException {
        writeTo(ch, true);
    }

    /** As {@link #writeTo(FileChannel)}, every write made by the calling thread (tests compare the two). */
    void writeSeriallyTo(FileChannel ch) throws IOException {
        try (StagingSink sink = new StagingSink(ch, 0, false)) {
            writeTo(sink, false);
        }
    }

    private void writeTo(FileChannel ch, boolean skipBodies) throws IOException {
        try (StagingSink sink = new StagingSink(ch, 0, !skipBodies && total >= StagingSink.PIPELINE_MIN_BYTES)) {
            writeTo(sink, skipBodies);
        }
    }

    private void writeTo(StagingSink sink, boolean skipBodies) throws IOException {
        sink.putBytes(MAGIC);
        sink.zeros(HEADER_LENGTH - MAGIC.length);
        for (Part p : parts) {
            sink.putInt(CONTINUATION);
            sink.putInt(p.paddedMetadata());
            sink.putBytes(p.metadata());
            sink.zeros(p.paddedMetadata() - p.metadata().length);
            for (int i = 0; i < p.lengths().length; i++) {
                if (skipBodies) {
                    // the padding is written: a recycled file's old bytes must not show through it
                    sink.skip(p.lengths()[i]);
                    sink.zeros(paddedBufferLength(p.lengths()[i]) - p.lengths()[i]);
                    continue;
                }
                if (p.lengths()[i] > 0 && !p.checkMissing().test(i)) {
                    sink.putArray(p.source().array(i), p.lengths()[i]);
                } else if (p.lengths()[i] > 0 && sink.putCheckingMissing(p.source().array(i), p.lengths()[i])) {
                    missingFound = true;
                    return;
                }
                sink.zeros(paddedBufferLength(p.lengths()[i]) - p.lengths()[i]);
            }
            assert sink.position() == p.end() && sink.position() % ALIGNMENT == 0 : "misaligned at " + sink.position();
        }
        sink.putInt(CONTINUATION);
        sink.putInt(0);
        sink.putBytes(footer);
        sink.putInt(footer.length);
        sink.putBytes(MAGIC);
        sink.flush();
        if (sink.position() != total) {
            throw new IllegalStateException("wrote " + sink.position() + " bytes, planned " + total);
        }
    }
}
