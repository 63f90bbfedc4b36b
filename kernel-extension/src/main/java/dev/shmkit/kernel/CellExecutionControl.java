package dev.shmkit.kernel;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JShell's in-process engine, running each snippet on an executor thread so that a cell can be
 * interrupted, and keeping the live result objects and exceptions that JShell itself only sees
 * as strings.
 *
 * <p>It keeps the JDK's default loader delegate (the no-argument super constructor), whose class
 * loader serves snippet class bytes through {@code getResourceAsStream("REPL/$JShell$N.class")};
 * the worker pool ships notebook lambdas with them.
 */
final class CellExecutionControl extends DirectExecutionControl {
    /**
     * How long an interrupted cell may take to unwind before the kernel answers: long enough for
     * what it prints while stopping (a cancelled job's final progress bar) to land under the cell,
     * short enough that a cell ignoring interrupts does not hold the notebook.
     */
    private static final long UNWIND_MILLIS = 2_000;
    private final ExecutorService executor = Executors.newCachedThreadPool(new CellThreads());
    private final Map<String, Future<Object>> running = new ConcurrentHashMap<>();
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile Throwable lastThrown;
    private volatile ClassLoader snippetLoader;

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.load(cbcs);
        if (snippetLoader == null && cbcs.length > 0) {
            try {
                snippetLoader = findClass(cbcs[0].name()).getClassLoader();
            } catch (ClassNotFoundException | LinkageError e) {
                // not resolvable yet; a later snippet will tell us the loader
            }
        }
    }

    /** The class loader of snippet classes (JShell's {@code RemoteClassLoader}); null before the first snippet. */
    ClassLoader snippetLoader() {
        return snippetLoader;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        String id = "result#" + ids.incrementAndGet();
        CountDownLatch finished = new CountDownLatch(1);
        Future<Object> task = executor.submit(() -> {
            try {
                return doit.invoke(null);
            } finally {
                finished.countDown();
            }
        });
        running.put(id, task);
        try {
            Object value = task.get();
            if (value != null) {
                results.put(id, value);
            }
            return id;
        } catch (CancellationException | InterruptedException e) {
            try {
                finished.await(UNWIND_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
            }
            throw new InvocationTargetException(new CellInterruptedException());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new InvocationTargetException(e.getCause());
        } finally {
            running.remove(id);
        }
    }

    @Override
    protected String throwConvertedInvocationException(Throwable cause) throws RunException, InternalException {
        lastThrown = cause;
        return super.throwConvertedInvocationException(cause);
    }

    /** The live value of the snippet whose JShell value string is {@code id}, removing it; null if none. */
    Object takeResult(String id) {
        return id == null ? null : results.remove(id);
    }

    /** The live exception the last failing snippet threw, clearing it; null if none. */
    Throwable takeThrown() {
        Throwable t = lastThrown;
        lastThrown = null;
        return t;
    }

    /** Interrupts every running snippet (the cell and any nested evaluation). */
    void interruptAll() {
        running.values().forEach(f -> f.cancel(true));
    }

    @Override
    public void stop() {
        interruptAll();
    }

    @Override
    public void close() {
        interruptAll();
        executor.shutdownNow();
        results.clear();
        super.close();
    }

    /** Daemon threads, so that a cell that ignores interrupts cannot keep the kernel alive at shutdown. */
    private static final class CellThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "shmkit-cell-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
