package dev.shmkit.table;

import com.google.flatbuffers.FlatBufferBuilder;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.DictionaryEncoding;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Int;
import org.apache.arrow.flatbuf.KeyValue;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Schema;

import java.util.List;
import java.util.Map;

/** Builds the flatbuffer metadata of an Arrow IPC file: schema, batch messages and footer. */
final class MetadataWriter {
    /** A footer block: where a message starts, its metadata length (with prefix) and body length. */
    record BlockRef(long offset, int metadataLength, long bodyLength) {
    }

    private MetadataWriter() {
    }

    static byte[] schemaMessage(List<EncodedColumn> columns, Map<String, String> metadata) {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int schema = schema(b, columns, metadata);
        return finish(b, Message.createMessage(b, MetadataVersion.V5, MessageHeader.Schema, schema, 0, 0));
    }

    static byte[] dictionaryMessage(DictionaryValues d, long[] offsets, long[] lengths, long bodyLength) {
        FlatBufferBuilder b = new FlatBufferBuilder(256);
        int batch = recordBatch(b, d.size, new long[] {0}, offsets, lengths);
        int dict = DictionaryBatch.createDictionaryBatch(b, d.id, batch, false);
        return finish(b, Message.createMessage(b, MetadataVersion.V5, MessageHeader.DictionaryBatch, dict, bodyLength, 0));
    }

    static byte[] recordBatchMessage(int rows, long[] nullCounts, long[] offsets, long[] lengths, long bodyLength) {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int batch = recordBatch(b, rows, nullCounts, offsets, lengths);
        return finish(b, Message.createMessage(b, MetadataVersion.V5, MessageHeader.RecordBatch, batch, bodyLength, 0));
    }

    static byte[] footer(List<EncodedColumn> columns, Map<String, String> metadata, List<BlockRef> dictionaries,
                         BlockRef recordBatch) {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int schema = schema(b, columns, metadata);
        Footer.startDictionariesVector(b, dictionaries.size());
        for (int i = dictionaries.size() - 1; i >= 0; i--) {
            BlockRef r = dictionaries.get(i);
            Block.createBlock(b, r.offset(), r.metadataLength(), r.bodyLength());
        }
        int dicts = b.endVector();
        Footer.startRecordBatchesVector(b, 1);
        Block.createBlock(b, recordBatch.offset(), recordBatch.metadataLength(), recordBatch.bodyLength());
        int batches = b.endVector();
        return finish(b, Footer.createFooter(b, MetadataVersion.V5, schema, dicts, batches, 0));
    }

    private static byte[] finish(FlatBufferBuilder b, int root) {
        b.finish(root);
        return b.sizedByteArray();
    }

    private static int recordBatch(FlatBufferBuilder b, long rows, long[] nullCounts, long[] offsets, long[] lengths) {
        RecordBatch.startNodesVector(b, nullCounts.length);
        for (int i = nullCounts.length - 1; i >= 0; i--) {
            FieldNode.createFieldNode(b, rows, nullCounts[i]);
        }
        int nodes = b.endVector();
        RecordBatch.startBuffersVector(b, offsets.length);
        for (int i = offsets.length - 1; i >= 0; i--) {
            Buffer.createBuffer(b, offsets[i], lengths[i]);
        }
        int buffers = b.endVector();
        return RecordBatch.createRecordBatch(b, rows, nodes, buffers, 0, 0);
    }

    private static int schema(FlatBufferBuilder b, List<EncodedColumn> columns, Map<String, String> metadata) {
        int[] fields = new int[columns.size()];
        for (int i = 0; i < fields.length; i++) {
            EncodedColumn c = columns.get(i);
            int name = b.createString(c.name);
            int type = c.type(b);
            int dictionary = 0;
            if (c.dictionary() != null) {
                int index = Int.createInt(b, 32, true);
                dictionary = DictionaryEncoding.createDictionaryEncoding(b, c.dictionary().id, index, false, (short) 0);
            }
            fields[i] = Field.createField(b, name, true, c.typeType(), type, dictionary, 0, 0);
        }
        int fieldVector = Schema.createFieldsVector(b, fields);
        int[] pairs = new int[metadata.size()];
        int k = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            pairs[k++] = KeyValue.createKeyValue(b, b.createString(e.getKey()), b.createString(e.getValue()));
        }
        int meta = Schema.createCustomMetadataVector(b, pairs);
        return Schema.createSchema(b, Endianness.Little, fieldVector, meta, 0);
    }
}
