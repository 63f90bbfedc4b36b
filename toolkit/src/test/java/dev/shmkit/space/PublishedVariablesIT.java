package dev.shmkit.space;

import dev.shmkit.testing.JShellSession;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notebook variables that hold published values reach workers as segments, not copies: a lambda
 * typed in a real JShell session reads them on real worker JVMs.
 */
@ExtendWith(SpaceDirExtension.class)
class PublishedVariablesIT {

    @Test
    void shouldShipPublishedVariablesAsSegments(Path dir) throws Exception {
        try (JShellSession js = new JShellSession()) {
            try {
                js.eval("import dev.shmkit.space.*; import dev.shmkit.table.*; import dev.shmkit.pool.*; import dev.shmkit.job.*;"
                        + " import dev.shmkit.data.*; import tech.tablesaw.api.*; import java.util.*;");
                js.eval("SharedSpace space = SharedSpace.open(SpaceOptions.directory(java.nio.file.Path.of(\""
                        + dir.resolve("s") + "\")));");
                js.eval("WorkerPool pool = WorkerPool.start(2);");
                // 3,000,000 rows x 1 double = 24 MB: over the 16 MiB limit for copying a variable.
                js.eval("Table df = TableGenerator.rows(3_000_000).doubles(1).seed(7).generate();");
                String refused = js.evalFailing("pool.mapItems(List.of(0, 1), i -> df.rowCount() + i);");
                assertTrue(refused.contains("'df'") && refused.contains("%share df as df"), refused);

                js.eval("SharedTable big = space.publish(\"big\", df);");
                js.eval("double expect = df.doubleColumn(\"x0\").sum();");
                // A SharedTable variable: zero-copy view in every worker.
                js.eval("JobResult<Double> r = pool.mapItems(List.of(0, 1, 2, 3), i -> big.doubleColumn(\"x0\").sum(i * 750_000, (i + 1) * 750_000));");
                assertEquals("true", js.eval("Math.abs(r.values().stream().mapToDouble(Double::doubleValue).sum() - expect) < 1e-6"));
                assertTrue(Long.parseLong(js.eval("r.report().bytesCopied()")) < 1000, "a shared view copies nothing but the items");
                assertEquals("true", js.eval("r.report().bytesMapped() >= big.mappedBytes()"));

                // The published Tablesaw Table itself: one copy per worker per version, from the segment.
                js.eval("JobResult<Integer> t1 = pool.mapItems(List.of(0, 1, 2, 3), i -> df.rowCount() + i);");
                assertEquals("[3000000, 3000001, 3000002, 3000003]", js.eval("t1.values()"));
                long copied = Long.parseLong(js.eval("t1.report().bytesCopied()"));
                long segment = Long.parseLong(js.eval("big.mappedBytes()"));
                assertTrue(copied >= segment && copied <= 2 * segment + 1_000_000,
                        "copied once per worker (2 workers): copied=" + copied + " segment=" + segment);
                js.eval("JobResult<Integer> t2 = pool.mapItems(List.of(0, 1, 2, 3), i -> df.rowCount() + i);");
                assertTrue(Long.parseLong(js.eval("t2.report().bytesCopied()")) < 1_000_000, "second job uses the worker's cached copy");

                // A slice stays a slice.
                js.eval("SharedTable part = big.slice(10, 20);");
                assertEquals("[10, 10]", js.eval("pool.mapItems(List.of(0, 1), i -> part.rowCount()).values()"));
                assertEquals("true", js.eval("pool.mapItems(List.of(0), i -> part.doubleColumn(\"x0\").get(0)).values().get(0) == big.doubleColumn(\"x0\").get(10)"));

                // A published object (with a large array stored out-of-band) is read once per worker.
                js.eval("double[] w = new double[3_000_000]; Arrays.fill(w, 0.5); Map<String, double[]> model = new HashMap<>(Map.of(\"w\", w));");
                js.eval("space.put(\"model\", model);");
                assertEquals("[1500000.0, 1500000.0]", js.eval("pool.mapItems(List.of(0, 1), i -> Arrays.stream(model.get(\"w\")).sum()).values()"));
            } finally {
                js.eval("pool.close(); space.close();");
            }
        }
    }
}
