package dev.shmkit.pool;

/**
 * Worker-side loader for one parent session: classes the worker's class path lacks (JShell
 * snippet classes above all) are fetched from the parent on demand. A redefined snippet gives
 * a new session and so a fresh loader.
 */
final class SessionLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final long sessionId;
    private final ClassFetcher fetcher;

    SessionLoader(long sessionId, ClassLoader parent, ClassFetcher fetcher) {
        super("shmkit-session-" + sessionId, parent);
        this.sessionId = sessionId;
        this.fetcher = fetcher;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = fetcher.fetch(sessionId, name);
        return defineClass(name, bytes, 0, bytes.length);
    }
}
