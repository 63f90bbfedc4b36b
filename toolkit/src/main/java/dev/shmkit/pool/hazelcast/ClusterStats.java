package dev.shmkit.pool.hazelcast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Books per member what {@link ClusterReport} shows, for the pool and for each job (the latest ones). Thread-safe. */
final class ClusterStats {
    /** Jobs whose per-member figures are kept. */
    private static final int JOBS_KEPT = 32;

    private static final class Counts {
        final String address;
        final long pid;
        long tasks;
        long shipped;
        long ships;
        long shipNanos;
        long mapped;
        long returned;
        String left;

        Counts(String address, long pid) {
            this.address = address;
            this.pid = pid;
        }

        ClusterReport.Member snapshot() {
            return new ClusterReport.Member(address, pid, tasks, shipped, ships, shipNanos, mapped, returned, left);
        }
    }

    private static final class Scope {
        final Map<String, Counts> members = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();

        Counts of(String address, long pid) {
            return members.computeIfAbsent(address, a -> new Counts(a, pid));
        }

        ClusterReport report(String name) {
            List<ClusterReport.Member> m = new ArrayList<>();
            members.values().forEach(c -> m.add(c.snapshot()));
            return new ClusterReport(name, List.copyOf(m), List.copyOf(notes));
        }
    }

    private final Scope pool = new Scope();
    private final Map<Long, Scope> jobs = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Scope> eldest) {
            return size() > JOBS_KEPT;
        }
    };
    private long lastJob = -1;

    synchronized void joined(String address, long pid) {
        pool.of(address, pid).left = null;
    }

    synchronized void job(long jobId) {
        if (!jobs.containsKey(jobId)) {
            jobs.put(jobId, new Scope());
            lastJob = Math.max(lastJob, jobId);
        }
    }

    synchronized void shipped(long jobId, String address, long pid, long bytes, long nanos) {
        for (Scope s : scopes(jobId)) {
            Counts c = s.of(address, pid);
            c.shipped += bytes;
            c.ships++;
            c.shipNanos += nanos;
        }
    }

    synchronized void task(long jobId, String address, long pid, long mapped) {
        for (Scope s : scopes(jobId)) {
            Counts c = s.of(address, pid);
            c.tasks++;
            c.mapped += mapped;
        }
    }

    /** Output rows written by {@code address}'s tasks came back into the caller's draft. */
    synchronized void returned(long jobId, String address, long pid, long bytes) {
        for (Scope s : scopes(jobId)) {
            s.of(address, pid).returned += bytes;
        }
    }

    /** A member left: the pool, and every job that ran on it meanwhile, note it. */
    synchronized void left(String address, long pid, String why, long runningJob, int requeued) {
        pool.of(address, pid).left = why;
        String note = "member " + address + " (pid " + pid + ") left the cluster: " + why + "; " + requeued
                + " task slot" + (requeued == 1 ? "" : "s") + " on it replaced, its tasks ran on the other members";
        pool.notes.add(note);
        Scope j = jobs.get(runningJob);
        if (j != null) {
            j.of(address, pid).left = why;
            j.notes.add(note);
        }
    }

    synchronized void note(String note) {
        pool.notes.add(note);
    }

    private List<Scope> scopes(long jobId) {
        Scope j = jobs.get(jobId);
        return j == null ? List.of(pool) : List.of(pool, j);
    }

    synchronized ClusterReport pool() {
        return pool.report("pool");
    }

    synchronized ClusterReport lastJob() {
        Scope j = jobs.get(lastJob);
        return j == null ? new ClusterReport("no job yet", List.of(), List.of()) : j.report("job " + lastJob);
    }
}
