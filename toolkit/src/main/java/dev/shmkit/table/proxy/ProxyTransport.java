package dev.shmkit.table.proxy;

/** Carries one proxy request to the table's holder and brings back its reply (a worker's control channel). */
@FunctionalInterface
public interface ProxyTransport {
    /**
     * The holder's reply to {@code request}; blocks until it arrives.
     *
     * @throws dev.shmkit.ShmkitException when the holder refused (table closed, removed, job over) or the channel failed
     */
    byte[] call(byte[] request);
}
