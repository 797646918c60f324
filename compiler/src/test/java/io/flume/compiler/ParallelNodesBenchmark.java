package io.flume.compiler;

import static io.flume.compiler.TestComponents.schema;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.Pipeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Measures the wall-clock time per record of in-process {@code race} and {@code worker-pool}
 * nodes whose children sleep, so that the numbers show the nodes' overhead over the ideal: a
 * race of children sleeping 20, 50 and 80 ms (ideal 20 ms) and a worker pool of four 50 ms
 * children with {@code workers: 2} (ideal 100 ms).
 *
 * <p>Each case runs {@value #WARM_UP_RECORDS} records to warm up, then {@value #ROUNDS} rounds of
 * {@value #RECORDS_PER_ROUND} records, one after another on one thread. It prints the mean time
 * per record of each round and their minimum, median and maximum. Run it with the test class
 * path, for example from the IDE, or:
 * <pre>
 * mvn -B -o -q -pl compiler -am test-compile
 * java -cp "compiler/target/test-classes:compiler/target/classes:runtime/target/classes:$(cat cp.txt)" \
 *     io.flume.compiler.ParallelNodesBenchmark
 * </pre>
 * where {@code cp.txt} is written by {@code mvn -pl compiler dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class ParallelNodesBenchmark {

    private static final int WARM_UP_RECORDS = 10;
    private static final int ROUNDS = 5;
    private static final int RECORDS_PER_ROUND = 20;

    private ParallelNodesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Flume<ObjectNode> flume = Flume.builder(ObjectNode.class)
                .processor("sleep-20", (ctx, value) -> sleep(value, 20))
                .processor("sleep-50", (ctx, value) -> sleep(value, 50))
                .processor("sleep-80", (ctx, value) -> sleep(value, 80))
                .build();

        measure(flume, "race of 20, 50 and 80 ms", """
                type: race
                children: [ { ref: sleep-80 }, { ref: sleep-50 }, { ref: sleep-20 } ]
                """);
        measure(flume, "worker-pool of four 50 ms, workers: 2", """
                type: worker-pool
                workers: 2
                children: [ { ref: sleep-50 }, { ref: sleep-50 }, { ref: sleep-50 }, { ref: sleep-50 } ]
                """);
    }

    private static void measure(Flume<ObjectNode> flume, String label, String yaml) throws Exception {
        try (Pipeline<ObjectNode> pipeline = InlineCompiler.compile(schema(yaml), flume, CompileOptions.defaults())) {
            for (int i = 0; i < WARM_UP_RECORDS; i++) {
                pipeline.process(value(i));
            }
            List<Double> means = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < RECORDS_PER_ROUND; i++) {
                    pipeline.process(value(i));
                }
                means.add((System.nanoTime() - start) / 1e6 / RECORDS_PER_ROUND);
            }
            List<Double> sorted = new ArrayList<>(means);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "%-40s rounds (ms/record): %s; min %.2f, median %.2f, max %.2f%n", label,
                    means.stream().map(mean -> String.format(Locale.ROOT, "%.2f", mean)).toList(),
                    sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
        }
    }

    private static ObjectNode sleep(ObjectNode value, long millis) throws InterruptedException {
        Thread.sleep(millis);
        return value.put("slept", millis);
    }

    private static ObjectNode value(int id) {
        return JsonNodeFactory.instance.objectNode().put("id", id);
    }
}
