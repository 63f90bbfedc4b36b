package dev.shmkit.memory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs independent pieces of one bulk operation (copying a big table into a mapping, scanning its
 * columns) on every core: the calling thread works too, and helper threads (one per other core,
 * daemons, gone after a minute idle) take pieces in turn.
 */
public final class Parallel {
    /** Threads that help the caller: the other cores. */
    private static final int HELPER_COUNT = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
    /** Null on one core. */
    private static final ThreadPoolExecutor HELPERS = HELPER_COUNT == 0 ? null : helpers();

    private Parallel() {
    }

    /**
     * Runs {@code piece.accept(i)} for every {@code i} in {@code [0, pieces)}, spread over the cores, and
     * returns when all have run, also when one failed (its exception is rethrown) or the thread was
     * interrupted (the flag is set again): nothing a piece refers to is released under a helper still
     * using it.
     */
    public static void forEach(int pieces, IntConsumer piece) {
        if (pieces <= 1 || HELPERS == null) {
            for (int i = 0; i < pieces; i++) {
                piece.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(pieces);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            for (int i; (i = next.getAndIncrement()) < pieces; ) {
                try {
                    piece.accept(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int h = Math.min(HELPER_COUNT, pieces - 1); h > 0; h--) {
            HELPERS.execute(work);
        }
        work.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // helpers may still be running pieces: wait for them
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }

    private static ThreadPoolExecutor helpers() {
        AtomicInteger seq = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(HELPER_COUNT, HELPER_COUNT, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "shmkit-bulk-" + seq.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
