package dev.shmkit.pool.local;

/** The likely cause of a worker's exit code, phrased for the user. */
final class Causes {
    /** 128 + SIGKILL. */
    static final int KILLED = 137;
    /** What -XX:+ExitOnOutOfMemoryError exits with. */
    static final int OUT_OF_MEMORY = 3;

    private Causes() {
    }

    static String of(int exitCode, String killReason) {
        if (killReason != null) {
            return killReason;
        }
        return switch (exitCode) {
            case KILLED -> "killed by SIGKILL (exit 137): likely killed for memory (the kernel's OOM killer) or by hand";
            case OUT_OF_MEMORY -> "the task ran out of heap (OutOfMemoryError); give workers more with "
                    + "PoolOptions.defaults().heap(\"4g\") or use less memory per task";
            case WorkerMain.EXIT_CANCEL_IGNORED -> "a cancelled task ignored interruption for 1 s, so the worker exited";
            case WorkerMain.EXIT_TASK_THREAD_DIED -> "the worker's task thread died of an error it could not report";
            case 143 -> "terminated by SIGTERM (exit 143)";
            default -> "the worker exited with code=" + exitCode + " (System.exit in the task, or a crash; "
                    + "see its [w<id>] output)";
        };
    }
}
