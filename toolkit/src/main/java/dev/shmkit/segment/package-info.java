/** Segments with an identity: a {@link dev.shmkit.segment.SegmentId} per version, publishing, creating writable segments, resolving an id to a mapping, and giving a version's memory back when nobody maps it. */
package dev.shmkit.segment;
