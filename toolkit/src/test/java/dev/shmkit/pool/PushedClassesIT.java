package dev.shmkit.pool;

import dev.shmkit.testing.JShellSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A task typed in JShell reaches real workers with its classes pushed in the job: no class requests. */
class PushedClassesIT {
    @Test
    @Timeout(180)
    void shouldRunJShellLambdaWithZeroClassRequests() throws Exception {
        try (JShellSession js = new JShellSession()) {
            js.eval("import dev.shmkit.pool.*; import dev.shmkit.job.*; import java.util.*;");
            js.eval("WorkerPool pool = WorkerPool.start(2);");
            try {
                js.eval("int k = 3;");
                js.eval("record P(int a) implements java.io.Serializable { int twice() { return 2 * a; } }");
                js.eval("int scale(int x) { return new P(x * k).twice(); }");
                assertEquals("\"[6, 12, 18, 24, 30, 36, 42, 48]\"",
                        js.eval("pool.mapItems(List.of(1, 2, 3, 4, 5, 6, 7, 8), x -> scale(x), "
                                + "JobOptions.defaults().chunkSize(1)).values().toString()"));
                assertEquals("0", js.eval("pool.classRequests()"), "every class the task needs was pushed with the job");

                js.eval("int scale(int x) { return new P(x * k).twice() + 1; }");  // a redefined snippet: a new session
                assertEquals("\"[7, 13, 19, 25]\"",
                        js.eval("pool.mapItems(List.of(1, 2, 3, 4), x -> scale(x)).values().toString()"));
                assertEquals("\"[P[a=2], P[a=4]]\"", js.eval("pool.mapItems(List.of(1, 2), x -> new P(x * 2)).values().toString()"));
                assertEquals("0", js.eval("pool.classRequests()"));
            } finally {
                js.eval("pool.close();");
            }
        }
    }
}
