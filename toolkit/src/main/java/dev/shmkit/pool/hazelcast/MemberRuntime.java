package dev.shmkit.pool.hazelcast;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.util.Pool;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import dev.shmkit.job.ChunkRunner;
import dev.shmkit.job.OutputRunner;
import dev.shmkit.job.TableRunner;
import dev.shmkit.job.TaskContext;
import dev.shmkit.object.Kryos;
import dev.shmkit.ship.SharedReference;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What a member keeps for its callers: per caller, the class-loading sessions and the jobs set up
 * (deserialized runner, shipped JShell variables set), and its copies of their segments
 * ({@link MemberSegments}). Runs a task on the executor thread that received it; a member runs as
 * many at once as it has task slots.
 */
final class MemberRuntime {
    /** Jobs whose runner stays deserialized per caller; older ones are dropped (a caller never reuses ids). */
    private static final int JOB_CACHE = 16;
    /** Sessions whose loader stays alive per caller; a redefined snippet starts a new session. */
    private static final int SESSION_CACHE = 4;
    /** A caller that does not answer a class request in this time is gone or wedged. */
    private static final long CLASS_TIMEOUT_S = 60;

    private final MemberSegments segments;
    private final MemberOutputs outputs;
    private final MemberResults results;
    private final Map<String, Caller> callers = new ConcurrentHashMap<>();
    private volatile HazelcastInstance hz;

    private record Session(MemberLoader loader, Pool<Kryo> kryos) {
    }

    private record Job(Session session, ChunkRunner runner, Throwable setupError, long setupNanos, long resultThreshold) {
    }

    private static final class Caller {
        final Map<Long, Session> sessions = lru(SESSION_CACHE);
        final Map<Long, Job> jobs = lru(JOB_CACHE);
        final Set<Long> cancelled = ConcurrentHashMap.newKeySet();
        /** Tasks given up by the caller (a slot over its timeout): not started, or interrupted. */
        final Set<Long> abandoned = ConcurrentHashMap.newKeySet();
        /** The threads running tasks now: job id and task id. */
        final Map<Thread, long[]> running = new ConcurrentHashMap<>();
    }

    private static <K, V> Map<K, V> lru(int max) {
        return java.util.Collections.synchronizedMap(new LinkedHashMap<K, V>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        });
    }

    MemberRuntime(MemberSegments segments) {
        this.segments = segments;
        this.outputs = new MemberOutputs(segments);
        this.results = new MemberResults(segments);
    }

    void instance(HazelcastInstance instance) {
        this.hz = instance;
        outputs.instance(instance);
        results.instance(instance);
    }

    MemberOutputs outputs() {
        return outputs;
    }

    MemberSegments segments() {
        return segments;
    }

    private Caller caller(String uuid) {
        return callers.computeIfAbsent(uuid, k -> new Caller());
    }

    /** Sets up a job: defines pushed classes, sets the shipped JShell variables, deserializes the runner. */
    void setUp(String callerUuid, long jobId, long sessionId, byte[] runner, byte[] statics, Map<String, byte[]> classes,
               long resultThreshold) {
        Caller c = caller(callerUuid);
        long t0 = System.nanoTime();
        Session s = c.sessions.computeIfAbsent(sessionId, id -> newSession(callerUuid, id));
        classes.forEach(s.loader()::offer);
        Thread.currentThread().setContextClassLoader(s.loader());
        Kryo k = s.kryos().obtain();
        try {
            if (statics != null) {
                setStatics(s.loader(), (Object[]) k.readClassAndObject(new Input(statics)));
            }
            ChunkRunner r = (ChunkRunner) k.readClassAndObject(new Input(runner));
            if (r instanceof TableRunner<?> t) {
                r = local(callerUuid, t);
            } else if (r instanceof OutputRunner o) {
                r = outputs.prepare(callerUuid, o, o.table() == null ? null : localCopy(callerUuid, o.table()));
            }
            c.jobs.put(jobId, new Job(s, r, null, System.nanoTime() - t0, resultThreshold));
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError v) {
                throw v;
            }
            c.jobs.put(jobId, new Job(s, null, e, 0, 0));
        } finally {
            s.kryos().free(k);
        }
    }

    /** The same task over this member's own copy of the table (shipped before the job was set up). */
    private <R> TableRunner<R> local(String callerUuid, TableRunner<R> t) {
        return new TableRunner<>(t.task(), localCopy(callerUuid, t.table()));
    }

    private dev.shmkit.segment.SegmentId localCopy(String callerUuid, dev.shmkit.segment.SegmentId table) {
        dev.shmkit.segment.SegmentId l = segments.local(callerUuid, table);
        if (l == null) {
            throw new ClusterException("segment " + table + " of caller " + callerUuid + " is not on this member"
                    + " (the caller ships it before the job; was it removed meanwhile?)");
        }
        return l;
    }

    private Session newSession(String callerUuid, long sessionId) {
        MemberLoader loader = new MemberLoader("shmkit-" + callerUuid + "-" + sessionId, MemberRuntime.class.getClassLoader(),
                name -> fetch(callerUuid, sessionId, name));
        Pool<Kryo> pool = new Pool<>(true, false, 16) {
            @Override
            protected Kryo create() {
                return Kryos.newKryo(loader);
            }
        };
        return new Session(loader, pool);
    }

    private byte[] fetch(String callerUuid, long sessionId, String name) {
        Member caller = null;
        for (Member m : hz.getCluster().getMembers()) {
            if (m.getUuid().equals(UUID.fromString(callerUuid))) {
                caller = m;
            }
        }
        if (caller == null) {
            throw new ClusterException("class " + name + ": caller " + callerUuid + " left the cluster");
        }
        try {
            return hz.getExecutorService(HazelcastConfigs.CONTROL).submitToMember(new Calls.FetchClass(sessionId, name), caller)
                    .get(CLASS_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ClusterException("class " + name + ": caller " + callerUuid + " did not serve it: " + e.getMessage(), e);
        }
    }

    private static void setStatics(ClassLoader loader, Object[] triples) throws ReflectiveOperationException {
        for (int i = 0; i < triples.length; i += 3) {
            Class<?> owner = Class.forName((String) triples[i], true, loader);
            Field field = owner.getDeclaredField((String) triples[i + 1]);
            field.setAccessible(true);
            Object value = triples[i + 2];
            if (value instanceof SharedReference ref) {
                value = ref.materialize();
            }
            field.set(null, value);
        }
    }

    /** Runs one task of a job set up before; never throws (the task's error is the outcome). */
    TaskOutcome run(String callerUuid, long jobId, long taskId, byte[] input) {
        Caller c = caller(callerUuid);
        Job job = c.jobs.get(jobId);
        if (job == null || job.runner() == null) {
            return TaskOutcome.failed(job == null ? new IllegalStateException("job=" + jobId + " of caller " + callerUuid
                    + " is unknown to this member (set-up lost?)") : job.setupError());
        }
        if (c.cancelled.contains(jobId) || c.abandoned.remove(taskId)) {
            return TaskOutcome.failed(new CancellationException("job=" + jobId + " was cancelled before task=" + taskId));
        }
        Session s = job.session();
        Thread.currentThread().setContextClassLoader(s.loader());
        Kryo k = s.kryos().obtain();
        c.running.put(Thread.currentThread(), new long[] {jobId, taskId});
        try {
            long t0 = System.nanoTime();
            Object in = k.readClassAndObject(new Input(input));
            TaskContext context = new TaskContext();
            long t1 = System.nanoTime();
            Object result = job.runner().run(in, context);
            long t2 = System.nanoTime();
            MemberResults.Encoded e = results.encode(callerUuid, jobId, taskId, result, job.resultThreshold(), k);
            long t3 = System.nanoTime();
            TaskOutcome ok = TaskOutcome.ok(e.inline(), t1 - t0 + job.setupNanos(),
                    context.attachNanos(), t2 - t1 - context.attachNanos(), t3 - t2, context.bytesMapped(), context.bytesCopied());
            return e.segment() == null ? ok : ok.asSegment(e.segment(), e.segmentBytes());
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError) && !(e instanceof InternalError)) {
                throw (VirtualMachineError) e;
            }
            return TaskOutcome.failed(e);
        } finally {
            c.running.remove(Thread.currentThread());
            Thread.interrupted();
            s.kryos().free(k);
        }
    }

    /** Drops the job's tasks not started yet and interrupts the running ones. */
    void cancel(String callerUuid, long jobId) {
        Caller c = caller(callerUuid);
        c.cancelled.add(jobId);
        c.running.forEach((t, j) -> {
            if (j[0] == jobId) {
                t.interrupt();
            }
        });
    }

    /** Gives up tasks of a slot the caller replaced (over its timeout): those not started never start, running ones are interrupted. */
    void abandon(String callerUuid, long[] taskIds) {
        Caller c = caller(callerUuid);
        for (long id : taskIds) {
            c.abandoned.add(id);
        }
        c.running.forEach((t, j) -> {
            for (long id : taskIds) {
                if (j[1] == id) {
                    t.interrupt();
                }
            }
        });
    }

    /** The caller left: forget its jobs and sessions, unmap and delete its segments. */
    void dropCaller(String callerUuid) {
        Caller c = callers.remove(callerUuid);
        if (c != null) {
            c.running.keySet().forEach(Thread::interrupt);
        }
        outputs.dropCaller(callerUuid);
        segments.dropCaller(callerUuid);
    }
}
