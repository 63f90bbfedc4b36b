package dev.shmkit.job;

import dev.shmkit.ShmkitException;

/**
 * A job failed: a task threw (the remote class, message and stack trace are kept) or a task's
 * worker died or timed out more often than the job's retries allow (worker id, pid, exit code
 * and the likely cause are in the message).
 */
public class JobFailedException extends ShmkitException {
    private static final long serialVersionUID = 1L;
    private final String task;
    private final String remoteClass;
    private final String remoteMessage;
    private final String remoteStackTrace;
    private final int workerId;
    private final long pid;
    private final Integer exitCode;

    private JobFailedException(String message, String task, String remoteClass, String remoteMessage,
                               String remoteStackTrace, int workerId, long pid, Integer exitCode) {
        super(message);
        this.task = task;
        this.remoteClass = remoteClass;
        this.remoteMessage = remoteMessage;
        this.remoteStackTrace = remoteStackTrace;
        this.workerId = workerId;
        this.pid = pid;
        this.exitCode = exitCode;
    }

    /** A task threw {@code remoteClass} in worker {@code workerId}. */
    public static JobFailedException remote(String job, String task, int workerId, long pid, String remoteClass,
                                            String remoteMessage, String remoteStackTrace) {
        String msg = "job '" + job + "' " + task + " failed in worker " + workerId + " (pid " + pid + "): "
                + remoteClass + ": " + remoteMessage + "\n--- remote stack trace ---\n" + remoteStackTrace;
        return new JobFailedException(msg, task, remoteClass, remoteMessage, remoteStackTrace, workerId, pid, null);
    }

    /** The worker running {@code task} died (or was killed) and retries ran out. */
    public static JobFailedException workerDied(String job, String task, int workerId, long pid, int exitCode,
                                                int attempts, String cause) {
        String msg = "worker " + workerId + " (pid " + pid + ") exited with " + exitCode + " during job '" + job
                + "' " + task + " attempts=" + attempts + ": " + cause;
        return new JobFailedException(msg, task, null, null, null, workerId, pid, exitCode);
    }

    /** The input the failed task had, e.g. {@code items [0, 10)} or {@code rows [0, 5000000)}. */
    public String task() {
        return task;
    }

    /** Class name of the exception the task threw, or null when the worker died. */
    public String remoteClass() {
        return remoteClass;
    }

    /** Message of the exception the task threw, or null when the worker died. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** Stack trace of the exception the task threw (as printed in the worker), or null. */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }

    /** Id of the worker the task failed in. */
    public int workerId() {
        return workerId;
    }

    /** Process id of that worker. */
    public long pid() {
        return pid;
    }

    /** Exit code of the dead worker, or null when the task threw. */
    public Integer exitCode() {
        return exitCode;
    }
}
