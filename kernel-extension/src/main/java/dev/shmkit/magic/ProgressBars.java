package dev.shmkit.magic;

import dev.shmkit.job.JobListener;
import dev.shmkit.job.JobProgress;
import dev.shmkit.job.JobReport;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A live progress bar under the cell for every job that runs longer than {@value #SHOW_AFTER_MILLIS} ms
 * (shown once, then updated in place through its display id), and the job's report when it ends.
 * A ticker thread draws the bars, so the pool's I/O thread only records numbers; the final state
 * and the report are drawn when the job ends, before the cell's code continues, so they land under
 * the cell that ran the job.
 */
public final class ProgressBars implements JobListener, AutoCloseable {
    /** Jobs shorter than this get no bar: a bar that flashes for 100 ms is noise. */
    static final long SHOW_AFTER_MILLIS = 500;
    /** Redraw period: smooth enough to look live, rare enough to cost nothing. */
    static final long TICK_MILLIS = 200;

    /** Where display data goes: a new display, or an update of one shown before. */
    public interface Sink {
        /** Shows {@code data} (it may carry a display id). */
        void display(DisplayData data);

        /** Replaces the display {@code id} with {@code data}. */
        void update(String id, DisplayData data);
    }

    private final Sink sink;
    private final Map<Long, Bar> bars = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shmkit-progress");
        t.setDaemon(true);
        return t;
    });

    /** Bars and reports go to {@code sink}. */
    public ProgressBars(Sink sink) {
        this.sink = sink;
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void started(JobProgress p) {
        bars.put(p.jobId(), new Bar(p));
    }

    @Override
    public void progress(JobProgress p) {
        Bar b = bars.get(p.jobId());
        if (b != null) {
            b.latest = p;
        }
    }

    @Override
    public void ended(JobProgress p, JobReport report, Throwable failure) {
        end(p, failure);
        if (report != null) {
            sink.display(ShmkitExtension.displayData(new JobReportCard(report)));
        }
    }

    /** As this listener, but without the report at the end (for jobs whose caller shows its own summary). */
    public JobListener barsOnly() {
        return new JobListener() {
            @Override
            public void started(JobProgress p) {
                ProgressBars.this.started(p);
            }

            @Override
            public void progress(JobProgress p) {
                ProgressBars.this.progress(p);
            }

            @Override
            public void ended(JobProgress p, JobReport report, Throwable failure) {
                end(p, failure);
            }
        };
    }

    private void end(JobProgress p, Throwable failure) {
        Bar b = bars.remove(p.jobId());
        if (b != null) {
            b.latest = p;
            b.draw(failure == null ? "done" : failure instanceof dev.shmkit.job.JobCancelledException ? "cancelled" : "failed", true);
        }
    }

    private void tick() {
        try {
            for (Bar b : bars.values()) {
                if (b.ageMillis() >= SHOW_AFTER_MILLIS) {
                    b.draw("running", false);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("shmkit: progress bar failed: " + e);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    /** One job's bar. */
    private final class Bar {
        private final long createdNanos = System.nanoTime();
        volatile JobProgress latest;
        private String id;
        private String drawn;
        private boolean finished;

        Bar(JobProgress p) {
            this.latest = p;
        }

        /** Time since the job was submitted. */
        long ageMillis() {
            return (System.nanoTime() - createdNanos) / 1_000_000;
        }

        synchronized void draw(String state, boolean last) {
            if (finished || (last && id == null)) {
                return;  // a short job never got a bar
            }
            finished = last;
            ProgressView view = new ProgressView(latest, state, last ? latest.elapsedNanos() : System.nanoTime() - createdNanos);
            String text = view.toString();
            if (text.equals(drawn)) {
                return;
            }
            drawn = text;
            DisplayData d = ShmkitExtension.displayData(view);
            if (id == null) {
                id = UUID.randomUUID().toString();
                d.setDisplayId(id);
                sink.display(d);
            } else {
                sink.update(id, d);
            }
        }
    }
}
