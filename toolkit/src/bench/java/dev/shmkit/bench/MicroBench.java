package dev.shmkit.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ./shmkit bench micro [JMH ARGS...]}: the JMH microbenchmarks of {@code dev.shmkit.bench.micro}
 * (or those the arguments' regexps select), one fork each with short defaults that any JMH option
 * overrides ({@code -f 3 -i 10}, {@code -prof gc}, ...). JMH's own report goes to stderr; each score
 * becomes one JSON line on stdout (metric = JMH's unit, n = measured iterations), so {@code --compare}
 * works as for the other benchmarks.
 */
final class MicroBench {
    /** Benchmarks run unless the arguments name others. */
    static final String DEFAULT_INCLUDE = "dev\\.shmkit\\.bench\\.micro\\..*";
    /** Short defaults (about 20 s per benchmark) for a noisy 2-core machine; JMH's own are 5 forks × 10 s × 5. */
    private static final int FORKS = 1;
    private static final int WARMUPS = 3;
    private static final int ITERATIONS = 5;
    private static final TimeValue ITERATION_TIME = TimeValue.seconds(2);

    private MicroBench() {
    }

    static void main(String[] args) throws RunnerException, CommandLineOptionException {
        for (Map.Entry<String, Result<?>> e : run(args).entrySet()) {
            Result<?> r = e.getValue();
            Json.print("micro", e.getKey(), r.getScoreUnit().replace('/', '_'), r.getScore(), r.getSampleCount());
        }
    }

    /** Runs the benchmarks the JMH arguments select (with this class's defaults) and returns their scores. */
    static Map<String, Result<?>> run(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions given = new CommandLineOptions(args);
        OptionsBuilder b = new OptionsBuilder();
        b.parent(given);
        if (given.getIncludes().isEmpty()) {
            b.include(DEFAULT_INCLUDE);
        }
        if (!given.getForkCount().hasValue()) {
            b.forks(FORKS);
        }
        if (!given.getWarmupIterations().hasValue()) {
            b.warmupIterations(WARMUPS);
        }
        if (!given.getWarmupTime().hasValue()) {
            b.warmupTime(ITERATION_TIME);
        }
        if (!given.getMeasurementIterations().hasValue()) {
            b.measurementIterations(ITERATIONS);
        }
        if (!given.getMeasurementTime().hasValue()) {
            b.measurementTime(ITERATION_TIME);
        }
        Options options = b.build();
        Collection<RunResult> results = new Runner(options,
                OutputFormatFactory.createFormatInstance(System.err, options.verbosity().orElse(VerboseMode.NORMAL)))
                .run();
        return scores(results);
    }

    /** Primary score per benchmark, keyed "Class.method" plus its parameters ("Attach.attachAndClose rows=100000"). */
    static Map<String, Result<?>> scores(Collection<RunResult> results) {
        Map<String, Result<?>> out = new TreeMap<>();
        for (RunResult rr : results) {
            String method = rr.getParams().getBenchmark();
            String key = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
            StringBuilder params = new StringBuilder();
            for (String p : rr.getParams().getParamsKeys()) {
                params.append(' ').append(p).append('=').append(rr.getParams().getParam(p));
            }
            out.put(key + params, rr.getPrimaryResult());
        }
        return out;
    }
}
