package io.flume.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.compiler.CompileOptions;
import io.flume.compiler.CompiledTopology;
import io.flume.compiler.TopologyCompiler;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParser;
import java.util.function.Consumer;

/**
 * Times {@code TopologyCompiler.compile} on a {@code sequence} of {@code k} filters
 * ({@code type: filter, predicate: check, then: {ref: step}}), for k from 10 to 10,000. Each
 * filter's two lines join again before the next one. On the DSL, whose
 * {@code StreamsBuilder.build()} visits a node once per path to it, 20 filters took 2 s and
 * each further filter doubled the time; with the Processor API the time should grow linearly.
 */
public final class TopologyCompileScaling {

    private TopologyCompileScaling() {
    }

    /** Returns the milliseconds of one compilation of a sequence of {@code filters} filters. */
    public static double compileMillis(int filters) {
        Flume<ObjectNode> flume = SchemaGenerator.components();
        Schema schema = SchemaParser.parse(filters(filters), filters + " filters");
        long start = System.nanoTime();
        try (CompiledTopology<ObjectNode> compiled = TopologyCompiler.compile(schema, flume, CompileOptions.defaults())) {
            compiled.topology();
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /**
     * Compiles sequences of 10, 20, 100, 1,000 and 10,000 filters, best of {@code repeats} each,
     * and reports each size to {@code row} as {@code {filters, millis}}.
     */
    public static void run(int repeats, Consumer<double[]> row) {
        for (int i = 0; i < 20; i++) {
            compileMillis(100);
        }
        for (int filters : new int[] {10, 20, 100, 1_000, 10_000}) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                best = Math.min(best, compileMillis(filters));
            }
            row.accept(new double[] {filters, best});
        }
    }

    static String filters(int count) {
        StringBuilder yaml = new StringBuilder("version: \"1\"\ntype: sequence\nchildren:\n");
        for (int i = 0; i < count; i++) {
            yaml.append("  - { type: filter, name: filter-").append(i).append(", predicate: check, then: { ref: step } }\n");
        }
        return yaml.toString();
    }
}
