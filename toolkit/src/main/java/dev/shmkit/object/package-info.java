/** Arbitrary objects in the space: Kryo serialization with large primitive arrays stored out-of-band, readable as zero-copy views. */
package dev.shmkit.object;
