// shmkit's JShell startup (./shmkit jshell): the notebook's imports and one helper per magic, printed as text.
import java.util.*;
import java.util.stream.*;
import java.nio.file.*;
import tech.tablesaw.api.*;
import dev.shmkit.space.*;
import dev.shmkit.table.*;
import dev.shmkit.job.*;
import dev.shmkit.pool.*;
import dev.shmkit.magic.*;
import dev.shmkit.data.*;

/** The session's default space, as a notebook's space variable. */
SharedSpace space() { return NotebookSpaces.defaultSpace(); }

/** The session's worker pool, started on first use, as a notebook's pool variable. */
WorkerPool pool() { return NotebookPool.pool(); }

/** %share VAR as NAME: publishes a Tablesaw Table as a shared table, anything else as an object. */
ShareResult share(Object value, String name) { return Notebook.share(space(), name, value, name); }

/** %unshare NAME */
UnshareResult unshare(String name) { return Notebook.unshare(space(), name); }

/** %space */
SpaceListing entries() { return Notebook.list(space(), false); }

/** %space --who: which processes map the space's segments, their resident and PSS bytes (from /proc). */
WhoCard who() { return new WhoCard(space().mappings()); }

/** %workers N: starts or resizes the pool; workers() shows it. */
WorkersResult workers(int n) { return Notebook.workers(pool(), n); }
WorkersResult workers() { return Notebook.workers(pool(), 0); }

/** %%compare TABLE: the task over the published table, in copy mode and in share mode. */
<R> CompareResult compare(String table, RowTask<R> task) {
    return Notebook.compare(pool(), space().table(table), task, JobOptions.defaults().name(table));
}

/** %%compare TABLE --chunks N */
<R> CompareResult compare(String table, RowTask<R> task, int chunks) {
    return Notebook.compare(pool(), space().table(table), task, JobOptions.defaults().name(table).chunkCount(chunks));
}

/** pool().map over a published table by name. */
<R> JobResult<R> map(String table, RowTask<R> task) { return pool().map(space().table(table), task); }
