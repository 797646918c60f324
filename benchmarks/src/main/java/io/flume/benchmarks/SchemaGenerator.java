package io.flume.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import java.util.List;

/**
 * Generates YAML schemas of a chosen size that use every node kind, for the compile-time
 * benchmark. A schema is a top-level {@code sequence} of blocks; each block is a chain of every
 * kind ({@value #NODES_PER_BLOCK} nodes), with names numbered by block so that stores and retry
 * topics do not collide. Nodes inside an inline subtree ({@code timeout}, {@code circuit-breaker},
 * {@code rate-limit}, {@code race}, {@code contest}, {@code worker-pool}) are {@code ref}s, so the
 * schema is valid for both back-ends.
 */
public final class SchemaGenerator {

    /** The nodes each block adds, counting every mapping with a kind (the top-level sequence is extra). */
    public static final int NODES_PER_BLOCK = 40;

    private SchemaGenerator() {
    }

    /** Returns the number of nodes of the schema {@link #generate} returns for {@code targetNodes}. */
    public static int nodeCount(int targetNodes) {
        return blocks(targetNodes) * NODES_PER_BLOCK + 1;
    }

    /** Returns a schema of about {@code targetNodes} nodes: the smallest whole number of blocks that reaches it. */
    public static String generate(int targetNodes) {
        StringBuilder yaml = new StringBuilder(targetNodes * 48);
        yaml.append("version: \"1\"\ntype: sequence\nname: generated\nchildren:\n");
        for (int block = 0; block < blocks(targetNodes); block++) {
            appendBlock(yaml, block);
        }
        return yaml.toString();
    }

    /** Returns the registry the generated schemas name: one component of each kind, all cheap and succeeding. */
    public static Flume<ObjectNode> components() {
        return Flume.builder(ObjectNode.class)
                .processor("step", (context, value) -> value)
                .predicate("check", value -> true)
                .condition("route", List.of("a", "b"), value -> "a")
                .reducer("merge", (original, results, errors) -> original)
                .errorHandler("recover", failure -> failure.value())
                .build();
    }

    private static int blocks(int targetNodes) {
        return Math.max(1, (targetNodes - 1 + NODES_PER_BLOCK - 1) / NODES_PER_BLOCK);
    }

    // Each line below is counted in NODES_PER_BLOCK: count the "ref:", "stream:" and "type:" entries.
    private static void appendBlock(StringBuilder yaml, int b) {
        yaml.append("""
                  - type: filter
                    name: filter-%1$d
                    predicate: check
                    then:
                      type: switch
                      name: switch-%1$d
                      condition: route
                      routes:
                        a: { stream: out-a-%1$d }
                        b: { ref: step }
                      default: { ref: step }
                    else: { ref: step }
                  - type: concurrent
                    name: gather-%1$d
                    reducer: merge
                    children: [ { ref: step, name: left-%1$d }, { ref: step, name: right-%1$d } ]
                  - type: scaffold
                    name: scaffold-%1$d
                    children: [ { ref: step }, { stream: audit-%1$d } ]
                  - type: fallback
                    name: fallback-%1$d
                    children: [ { ref: step }, { ref: step } ]
                  - type: handle
                    name: handle-%1$d
                    error_handler: recover
                    child: { ref: step }
                  - type: retry
                    name: retry-%1$d
                    attempts: 2
                    backoff: 1s
                    child: { ref: step }
                  - type: retry
                    name: quick-retry-%1$d
                    attempts: 2
                    child: { ref: step }
                  - type: timeout
                    name: timeout-%1$d
                    duration: 1s
                    child: { ref: step }
                  - type: circuit-breaker
                    name: breaker-%1$d
                    child: { ref: step }
                  - type: rate-limit
                    name: limit-%1$d
                    requests_per_second: 100000
                    burst_size: 100
                    child: { ref: step }
                  - type: race
                    name: race-%1$d
                    children: [ { ref: step }, { ref: step } ]
                  - type: contest
                    name: contest-%1$d
                    predicate: check
                    children: [ { ref: step }, { ref: step } ]
                  - type: worker-pool
                    name: pool-%1$d
                    workers: 2
                    children: [ { ref: step }, { ref: step } ]
                  - type: sequence
                    name: tail-%1$d
                    children: [ { ref: step }, { ref: step } ]
                  - stream: out-%1$d
                """.formatted(b));
    }
}
