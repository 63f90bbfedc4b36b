package dev.shmkit.pool.hazelcast;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.SerializableFunction;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member that joins a cluster pool mid-session gets work from the next job: a pool of two task slots
 * starts on one member JVM (both slots there), a second member JVM joins, and the next job runs tasks
 * on both, as the job's cluster report counts them per member.
 */
@ExtendWith(SpaceDirExtension.class)
class ClusterJoinIT {
    /** Tasks per job, one item each, each long enough that both slots are busy at once. */
    private static final int TASKS = 12;

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void shouldGiveAMemberThatJoinsMidSessionTasksOfTheNextJob() throws Exception {
        try (Members members = new Members(Files.createTempDirectory(Path.of("/dev/shm"), "shmkit-members-"))) {
            members.start(2);
            String first = members.addresses().get(0);
            try (ClusterPool c = ClusterPool.connect(ClusterOptions.join(first).awaitMembers(1).workers(2))) {
                List<Integer> items = IntStream.range(0, TASKS).boxed().toList();
                SerializableFunction<Integer, Integer> slow = x -> {
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
                    return x * 3;
                };
                JobOptions oneEach = JobOptions.defaults().chunkSize(1);
                JobResult<Integer> before = c.pool().mapItems(items, slow, oneEach);
                assertEquals(items.stream().map(x -> x * 3).toList(), before.values());
                assertEquals(TASKS, c.lastJob().member(first).tasks(), "one member: it ran every task\n" + c.lastJob().text());

                members.start(2);
                String second = members.addresses().get(1);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!c.members().contains(second) && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                assertTrue(c.members().contains(second), "the caller sees the member that joined: " + c.members());

                JobResult<Integer> after = c.pool().mapItems(items, slow, oneEach);
                assertEquals(items.stream().map(x -> x * 3).toList(), after.values());
                ClusterReport job = c.lastJob();
                assertTrue(job.member(second) != null && job.member(second).tasks() > 0,
                        "the member that joined ran tasks of the next job:\n" + job.text());
                assertEquals(TASKS, job.member(first).tasks() + job.member(second).tasks(), job.text());
                System.out.println(job.text());
            }
        }
    }
}
