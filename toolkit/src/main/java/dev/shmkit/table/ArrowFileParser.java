package dev.shmkit.table;

import dev.shmkit.SegmentFormatException;
import dev.shmkit.memory.Mapping;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Schema;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.shmkit.table.ArrowFileDescriptor.CONTINUATION;
import static dev.shmkit.table.ArrowFileDescriptor.FORMAT_KEY;
import static dev.shmkit.table.ArrowFileDescriptor.FORMAT_VERSION;
import static dev.shmkit.table.ArrowFileDescriptor.MAGIC;
import static dev.shmkit.table.ArrowFileDescriptor.MIN_FILE_LENGTH;

/**
 * Validates a mapped Arrow IPC file completely and returns where every column's buffers lie.
 * Checks, in order: length, magic at both ends, footer length, footer and schema flatbuffers,
 * {@code shmkit.format}, each block and message, compression, every buffer against its body
 * and the file, buffer lengths against the row count, string offsets and dictionary indices.
 * Flatbuffers are parsed from heap copies, so garbage can only raise exceptions, which become
 * {@link SegmentFormatException}.
 */
final class ArrowFileParser {
    private final Mapping mapping;
    private final Path path;
    private final long length;

    private ArrowFileParser(Mapping mapping) {
        this.mapping = mapping;
        this.path = mapping.path();
        this.length = mapping.length();
    }

    static TableLayout parse(Mapping mapping) {
        ArrowFileParser p = new ArrowFileParser(mapping);
        try {
            return p.parse();
        } catch (SegmentFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw p.fail("metadata flatbuffer is unreadable (" + e + "); not an Arrow file or corrupt");
        }
    }

    SegmentFormatException fail(String problem) {
        return new SegmentFormatException(path, problem);
    }

    private TableLayout parse() {
        if (length < MIN_FILE_LENGTH) {
            throw fail("length=" + length + " < minimum=" + MIN_FILE_LENGTH + " (truncated, or not an Arrow file)");
        }
        checkMagic(0, "start");
        checkMagic(length - MAGIC.length, "end");
        int footerLength = mapping.readInt(ArrowFileDescriptor.footerLengthOffset(length));
        long footerStart = ArrowFileDescriptor.footerLengthOffset(length) - footerLength;
        if (footerLength <= 0 || footerStart < ArrowFileDescriptor.HEADER_LENGTH) {
            throw fail("footer length=" + footerLength + " out of range (0, " + (length - MIN_FILE_LENGTH)
                    + "] for file length=" + length + " (truncated or corrupt)");
        }
        Footer footer = Footer.getRootAsFooter(heap(footerStart, footerLength, "footer"));
        Schema schema = footer.schema();
        if (schema == null) {
            throw fail("footer has no schema");
        }
        if (schema.endianness() != org.apache.arrow.flatbuf.Endianness.Little) {
            throw fail("endianness=big is not supported (write the file on a little-endian machine)");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < schema.customMetadataLength(); i++) {
            metadata.put(schema.customMetadata(i).key(), schema.customMetadata(i).value());
        }
        checkFormatVersion(metadata.get(FORMAT_KEY));
        List<FieldType> fields = new ArrayList<>();
        for (int i = 0; i < schema.fieldsLength(); i++) {
            fields.add(FieldType.of(schema.fields(i), this));
        }
        checkUniqueNames(fields);
        Map<Long, ColumnLayout> dictionaries = new HashMap<>();
        for (int i = 0; i < footer.dictionariesLength(); i++) {
            Block block = footer.dictionaries(i);
            Message m = message(block, footerStart, "dictionary batch " + i);
            if (m.headerType() != MessageHeader.DictionaryBatch) {
                throw fail("dictionary block " + i + " holds message type=" + m.headerType());
            }
            DictionaryBatch d = (DictionaryBatch) m.header(new DictionaryBatch());
            if (d.isDelta()) {
                throw fail("dictionary id=" + d.id() + " is a delta dictionary (not supported)");
            }
            FieldType valueType = dictionaryValueType(fields, d.id());
            RecordBatch data = d.data();
            if (data == null || data.nodesLength() != 1) {
                throw fail("dictionary id=" + d.id() + " must hold exactly one column");
            }
            BatchReader r = new BatchReader(this, data, bodyStart(block), block.bodyLength(), "dictionary id=" + d.id());
            dictionaries.put(d.id(), r.column(0, valueType.valuesOnly(), null, rowsOf(data.length(), "dictionary id=" + d.id())));
        }
        int batches = footer.recordBatchesLength();
        if (batches > 1) {
            throw fail("record batches=" + batches + "; shmkit maps single-batch files only"
                    + " (fix: in pyarrow write table.combine_chunks(), or write_table(t, max_chunksize=len(t)))");
        }
        List<ColumnLayout> columns = new ArrayList<>();
        int rows = 0;
        if (batches == 1) {
            Block block = footer.recordBatches(0);
            Message m = message(block, footerStart, "record batch 0");
            if (m.headerType() != MessageHeader.RecordBatch) {
                throw fail("record batch block holds message type=" + m.headerType());
            }
            RecordBatch batch = (RecordBatch) m.header(new RecordBatch());
            rows = rowsOf(batch.length(), "record batch");
            BatchReader r = new BatchReader(this, batch, bodyStart(block), block.bodyLength(), "record batch");
            if (batch.nodesLength() != fields.size()) {
                throw fail("record batch nodes=" + batch.nodesLength() + " != schema fields=" + fields.size());
            }
            for (int i = 0; i < fields.size(); i++) {
                FieldType f = fields.get(i);
                ColumnLayout dict = null;
                if (f.dictionaryId() != null) {
                    dict = dictionaries.get(f.dictionaryId());
                    if (dict == null) {
                        throw fail("column '" + f.name() + "' refers to dictionary id=" + f.dictionaryId()
                                + ", which the file does not contain");
                    }
                }
                columns.add(r.column(i, f, dict, rows));
            }
            r.checkAllBuffersUsed();
        } else {
            for (FieldType f : fields) {
                columns.add(f.empty());
            }
        }
        return new TableLayout(columns, metadata, rows);
    }

    private void checkMagic(long at, String where) {
        byte[] b = mapping.copyBytes(at, MAGIC.length, "magic");
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                throw fail("no ARROW1 magic at " + where + " (offset=" + at + "); not an Arrow IPC file, or truncated");
            }
        }
    }

    private void checkFormatVersion(String value) {
        if (value == null) {
            return; // written by another tool
        }
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw fail(FORMAT_KEY + "=" + value + " is not a number");
        }
        if (v > FORMAT_VERSION) {
            throw fail(FORMAT_KEY + "=" + v + " > supported=" + FORMAT_VERSION
                    + " (version from the future: written by a newer shmkit; upgrade this one)");
        }
    }

    /** Tablesaw tables need unique column names; another writer's file may repeat one. */
    private void checkUniqueNames(List<FieldType> fields) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            Integer first = seen.putIfAbsent(fields.get(i).name(), i);
            if (first != null) {
                throw fail("column name '" + fields.get(i).name() + "' appears twice (columns " + first + " and " + i
                        + "); shmkit views and Tablesaw tables need unique names: rename one before writing"
                        + " (pyarrow: table.rename_columns([...]))");
            }
        }
    }

    private FieldType dictionaryValueType(List<FieldType> fields, long id) {
        for (FieldType f : fields) {
            if (f.dictionaryId() != null && f.dictionaryId() == id) {
                return f;
            }
        }
        throw fail("dictionary id=" + id + " is used by no column");
    }

    private int rowsOf(long rows, String what) {
        if (rows < 0 || rows > Integer.MAX_VALUE - 8) {
            throw fail(what + " length=" + rows + " out of range [0, " + (Integer.MAX_VALUE - 8) + "]");
        }
        return (int) rows;
    }

    private long bodyStart(Block block) {
        return block.offset() + block.metaDataLength();
    }

    private Message message(Block block, long footerStart, String what) {
        long offset = block.offset();
        int metaLength = block.metaDataLength();
        long body = block.bodyLength();
        if (offset < ArrowFileDescriptor.HEADER_LENGTH || metaLength < 8 || body < 0
                || offset > footerStart || metaLength > footerStart - offset || body > footerStart - offset - metaLength) {
            throw fail(what + " block offset=" + offset + " metaDataLength=" + metaLength + " bodyLength=" + body
                    + " runs past the footer at offset=" + footerStart + " (truncated or corrupt)");
        }
        int first = mapping.readInt(offset);
        long fbStart = offset + 8;
        int fbLength = mapping.readInt(offset + 4);
        if (first != CONTINUATION) { // pre-0.15 format: no continuation marker
            fbStart = offset + 4;
            fbLength = first;
        }
        if (fbLength <= 0 || fbLength > metaLength - (fbStart - offset)) {
            throw fail(what + " metadata length=" + fbLength + " out of range (0, " + (metaLength - (fbStart - offset))
                    + "] at offset=" + offset);
        }
        Message m = Message.getRootAsMessage(heap(fbStart, fbLength, what + " metadata"));
        if (m.version() < org.apache.arrow.flatbuf.MetadataVersion.V4) {
            throw fail(what + " metadata version=" + m.version() + " < V4 (written by Arrow < 0.15; rewrite the file)");
        }
        return m;
    }

    private ByteBuffer heap(long offset, int size, String what) {
        return ByteBuffer.wrap(mapping.copyBytes(offset, size, what)).order(ByteOrder.LITTLE_ENDIAN);
    }

    Mapping mapping() {
        return mapping;
    }

    long length() {
        return length;
    }
}
