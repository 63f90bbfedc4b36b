package dev.shmkit.magic;

import dev.shmkit.ShmkitException;
import dev.shmkit.job.AccessMode;
import dev.shmkit.job.JobOptions;
import dev.shmkit.pool.Compare;
import dev.shmkit.job.RowTask;
import dev.shmkit.segment.SegmentNotFoundException;
import dev.shmkit.segment.InvalidNameException;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.table.SharedTable;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code %workers} and {@code %%compare}, independent of any kernel API: parse the arguments, call
 * {@link Notebook} with the notebook's pool ({@link NotebookPool}).
 */
public final class PoolMagics {
    /** Usage of {@code %workers}. */
    public static final String WORKERS_USAGE = "%workers [N] [--cluster HOST:PORT,... | --local]   e.g. %workers 2,"
            + " %workers --cluster 127.0.0.1:5701,127.0.0.1:5702  (starts or resizes the notebook's pool; --cluster runs it"
            + " on shmkit members started with ./shmkit member, --local on this machine again; without N shows its workers)";
    /** The options of {@code %workers} that replace the notebook's pool (the kernel then binds {@code pool} again). */
    static final String CLUSTER = "--cluster";
    static final String LOCAL = "--local";
    /** Usage of {@code %%compare}. */
    public static final String COMPARE_USAGE = "%%compare TABLE [--chunks N] [--modes copy,proxy,share] [--space SPACE]\n"
            + "       (view, rows) -> view.doubleColumn(\"x0\").sum(rows.from(), rows.to())"
            + "   (the body: one RowTask expression, run over the published table TABLE in each mode: copy, proxy"
            + " and share unless --modes names some)";

    private PoolMagics() {
    }

    /** {@code %workers [N]}. */
    public static WorkersResult workers(List<String> args) {
        List<String> rest = new java.util.ArrayList<>();
        String cluster = null;
        boolean local = false;
        for (int i = 0; i < args.size(); i++) {
            String s = args.get(i);
            if (s.equals(CLUSTER) || s.startsWith(CLUSTER + "=")) {
                if (!s.contains("=") && i + 1 >= args.size()) {
                    throw new UsageException("%workers: --cluster needs member addresses HOST:PORT,...", WORKERS_USAGE);
                }
                cluster = s.contains("=") ? s.substring(s.indexOf('=') + 1) : args.get(++i);
            } else if (s.equals(LOCAL)) {
                local = true;
            } else {
                rest.add(s);
            }
        }
        if (cluster != null && local) {
            throw new UsageException("%workers: --cluster and --local exclude each other", WORKERS_USAGE);
        }
        MagicArgs a = MagicArgs.parse(rest, Set.of(), WORKERS_USAGE);
        if (a.positional().size() > 1) {
            throw new UsageException("%workers: expected at most one number, got '" + String.join(" ", args) + "'",
                    WORKERS_USAGE);
        }
        int n = 0;
        if (a.positional().size() == 1) {
            try {
                n = Integer.parseInt(a.positional().get(0));
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1) {
                throw new UsageException("%workers: N must be a number of workers >= 1, got '" + a.positional().get(0)
                        + "'", WORKERS_USAGE);
            }
        }
        if (cluster != null) {
            try {
                NotebookCluster.use(cluster, n);
            } catch (IllegalArgumentException e) {
                throw new UsageException("%workers: " + e.getMessage(), WORKERS_USAGE);
            }
            return Notebook.workers(NotebookPool.pool(), 0);
        }
        if (local) {
            NotebookPool.replace(null, null);
        }
        return Notebook.workers(NotebookPool.pool(), n);
    }

    /** Whether {@code %workers args} replaces the notebook's pool (the {@code pool} variable must be bound again). */
    static boolean replacesPool(List<String> args) {
        return args.stream().anyMatch(s -> s.equals(CLUSTER) || s.startsWith(CLUSTER + "=") || s.equals(LOCAL));
    }

    /**
     * {@code %%compare [--modes ...]} above a cell that runs one table map on the notebook's pool (the cell
     * runs once per mode, share, copy and proxy unless {@code --modes} names some: {@link Compare#code}), or
     * {@code %%compare TABLE [--chunks N] [--modes ...] [--space SPACE]} with a {@code RowTask} expression as body.
     *
     * @param eval evaluates Java source in the notebook and returns the live value
     */
    public static CompareResult compare(List<String> args, String body, Function<String, Object> eval) {
        MagicArgs a = MagicArgs.parse(args, Set.of(MagicArgs.SPACE, MagicArgs.CHUNKS, MagicArgs.MODES), COMPARE_USAGE);
        List<AccessMode> modes = a.modes().isEmpty() ? List.of(AccessMode.values()) : a.modes();
        if (a.positional().isEmpty()) {
            return compareCell(a, args, body, eval, modes);
        }
        if (a.positional().size() != 1) {
            throw new UsageException("%%compare: expected the name of one published table, got '"
                    + String.join(" ", args) + "'", COMPARE_USAGE);
        }
        String name = a.positional().get(0);
        SharedTable table = table(NotebookSpaces.space(a.space()), name);
        String expr = body == null ? "" : body.strip();
        if (expr.endsWith(";")) {
            expr = expr.substring(0, expr.length() - 1);
        }
        if (expr.isEmpty()) {
            throw new UsageException("%%compare: the cell body must be the task, a RowTask expression", COMPARE_USAGE);
        }
        Object task = eval.apply("(dev.shmkit.job.RowTask<Object>) (" + expr + ")");
        JobOptions options = JobOptions.defaults().name(name).chunkCount(a.chunks());
        ProgressBars bars = NotebookPool.progress();
        if (bars != null) {
            options = options.progress(bars.barsOnly());  // the comparison is the report
        }
        return Notebook.compare(NotebookPool.pool(), table, (RowTask<?>) task, options, modes);
    }

    private static CompareResult compareCell(MagicArgs a, List<String> args, String body, Function<String, Object> eval,
                                             List<AccessMode> modes) {
        if (a.space() != null || a.chunks() != 0) {
            throw new UsageException("%%compare: --chunks and --space go with a TABLE ('%%compare big --chunks 4'); above a"
                    + " cell only --modes is taken, set the rest in the cell's JobOptions, got '" + String.join(" ", args) + "'", COMPARE_USAGE);
        }
        if (body == null || body.isBlank()) {
            throw new UsageException("%%compare: the cell is empty; put %%compare above a cell that runs"
                    + " pool.map(space.table(\"big\"), task, options)", COMPARE_USAGE);
        }
        ProgressBars bars = NotebookPool.progress();
        try {
            return new CompareResult(Compare.code(NotebookPool.pool(), () -> eval.apply(body),
                    bars == null ? null : bars.barsOnly(), modes));
        } catch (ShmkitException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(Compare.NOT_ONE_MAP)) {
                throw new UsageException("%%" + e.getMessage(), COMPARE_USAGE);
            }
            throw e;
        }
    }

    private static SharedTable table(SharedSpace space, String name) {
        try {
            return space.table(name);
        } catch (SegmentNotFoundException | InvalidNameException e) {
            throw new UsageException("%%compare: no table '" + name + "' in space " + space.directory()
                    + " (" + e.getMessage() + "); fix: publish it first, e.g. %share df as " + name, COMPARE_USAGE);
        }
    }
}
