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
 * ({@code type: filter, predicate: check, then: {ref: step}}), for growing {@code k}, until one
 * compilation takes longer than a limit. Each filter is a {@code split()} whose branches merge
 * again, and Kafka Streams' {@code StreamsBuilder.build()} visits a node once for every path from
 * the source to it, so the time grows by about the branch count for each filter added.
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
     * Compiles sequences of 1, 2, 3, ... filters, best of {@code repeats} each, until one takes
     * more than {@code limitMillis}; reports each size to {@code row} as {@code {filters, millis}}.
     */
    public static void run(int repeats, double limitMillis, Consumer<double[]> row) {
        compileMillis(1);
        for (int filters = 1; filters <= 64; filters++) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                best = Math.min(best, compileMillis(filters));
            }
            row.accept(new double[] {filters, best});
            if (best > limitMillis) {
                return;
            }
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
