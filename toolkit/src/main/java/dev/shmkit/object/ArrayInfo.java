package dev.shmkit.object;

/**
 * One array stored out-of-band in an object segment.
 *
 * @param path   where the array sits in the object graph, e.g. {@code layers[0].weights}
 * @param type   element type
 * @param length number of elements
 * @param offset byte offset of the first element in the segment file (64-byte aligned)
 */
public record ArrayInfo(String path, ArrayType type, long length, long offset) {
    /** Size of the array data in bytes. */
    public long byteLength() {
        return length * type.elementBytes();
    }
}
