package dev.shmkit.ship;

/**
 * Consulted by the shipper for every JShell variable a task reads, before the value is
 * serialized: a variable holding a published table or object resolves to a {@link SharedReference}
 * (a segment path), which the worker attaches instead of receiving a copy.
 */
@FunctionalInterface
public interface SnapshotResolver {
    /** Ships every value as itself. */
    SnapshotResolver NONE = (variable, value) -> null;

    /** A reference to ship instead of {@code value}, or null to ship the value itself. */
    SharedReference resolve(String variable, Object value);
}
