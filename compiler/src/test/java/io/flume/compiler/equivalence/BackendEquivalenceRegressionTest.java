package io.flume.compiler.equivalence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.compiler.CompileOptions;
import io.flume.compiler.CompiledTopology;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParser;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Focused cases of disagreements between the back-ends that {@link BackendEquivalenceTest} found. */
class BackendEquivalenceRegressionTest {

    private final Flume<ObjectNode> flume = EquivalenceComponents.create();

    private static Schema schema(String yaml) {
        return SchemaParser.parse(yaml, "<regression>");
    }

    private static Map<String, ObjectNode> records(ObjectNode... values) {
        Map<String, ObjectNode> records = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            records.put("r" + i, values[i]);
        }
        return records;
    }

    private static ObjectNode value(int a, String tag) {
        return JsonNodeFactory.instance.objectNode().put("a", a).put("b", 1).put("tag", tag);
    }

    /**
     * A node's stable name is its parent's name and its own display name, and a node names its
     * Kafka Streams processors after itself with a suffix. So a {@code ref} of a processor called
     * like such a suffix got the name of a processor that its parent had already added. The
     * topology then failed to build ("Processor stream-s1.send is already added"), while the same
     * schema ran in process.
     */
    @Nested
    class ProcessorNamedLikeAProcessorOfItsParent {

        private static final String SCHEMA = """
                type: sequence
                children:
                  - type: fallback
                    children:
                      - ref: fail-odd-a
                      - ref: restore
                  - type: handle
                    error_handler: recover-some
                    child: { ref: enter }
                  - type: scaffold
                    children:
                      - type: sequence
                        children: [ { ref: copy } ]
                  - type: concurrent
                    name: gathered
                    reducer: merge
                    children: [ { ref: open }, { ref: bypass } ]
                  - stream: s1
                    child: { ref: send }
                  - stream: out
                """;

        @Test
        void topologyMatchesInProcess() {
            Schema schema = schema(SCHEMA);
            Map<String, ObjectNode> inputs = records(value(1, "x"), value(2, "y"));

            BackendRuns.Outcome topology = BackendRuns.onTopology(flume, schema, inputs, "out");
            BackendRuns.Outcome inProcess = BackendRuns.inProcess(flume, schema, inputs);

            assertThat(topology.results()).isEqualTo(inProcess.results());
            assertThat(topology.streams()).isEqualTo(inProcess.streams());
            assertThat(topology.deadLetters()).isEmpty();
            assertThat(inProcess.deadLetters()).isEmpty();
        }

        @Test
        void recordsRunEveryCollidingStep() {
            Map<String, ObjectNode> inputs = records(value(1, "x"), value(2, "y"));

            BackendRuns.Outcome topology = BackendRuns.onTopology(flume, schema(SCHEMA), inputs, "out");

            assertThat(topology.results().get("r0")).as("odd a: the fallback's second child runs")
                    .contains("\"steps\":[\"restore\",\"enter\",\"send\"]")
                    .contains("\"merged\":\"open=")
                    .contains("bypass=");
            assertThat(topology.results().get("r1")).as("even a: the fallback's first child passes")
                    .contains("\"steps\":[\"enter\",\"send\"]");
        }

        @Test
        void nodeNamesMatchInProcess() {
            Schema schema = schema(SCHEMA);

            try (CompiledTopology<ObjectNode> compiled = flume.compile(schema, CompileOptions.defaults());
                 var pipeline = flume.pipeline(schema)) {
                assertThat(compiled.nodeNames()).isEqualTo(pipeline.nodeNames());
                assertThat(compiled.nodeNames()).containsEntry("root.children[4].child", "sequence.stream-s1.send");
                assertThat(compiled.describe()).contains("Processor: sequence.stream-s1.send-2 ");
            }
        }
    }

    /**
     * In a topology, each run of a retry with backoff is a separate pass, so a failing child of a
     * {@code concurrent} or {@code scaffold} node inside it is reported once per run. In process,
     * the runs work on forks, and only the successful run's child failures are kept. This is the
     * same difference as for stream sends, which docs/reference.md lists.
     */
    @Nested
    class FanOutChildFailuresInBackoffRetry {

        private static final String SCHEMA = """
                type: sequence
                children:
                  - type: retry
                    name: again
                    attempts: 2
                    backoff: 1ms
                    child:
                      type: sequence
                      children:
                        - type: KIND
                          children: [ { ref: fail-odd-a } ]
                        - ref: flaky
                  - stream: out
                """;

        /** A record on which {@code fail-odd-a} fails on every run and {@code flaky} on the first run only. */
        private final Map<String, ObjectNode> inputs = records(value(1, "x"));

        @Test
        void concurrentChildFailureIsDeadLetteredPerRun() {
            Schema schema = schema(SCHEMA.replace("KIND", "concurrent"));

            BackendRuns.Outcome topology = BackendRuns.onTopology(flume, schema, inputs, "out", Duration.ofSeconds(1));
            BackendRuns.Outcome inProcess = BackendRuns.inProcess(flume, schema, inputs);

            assertThat(topology.results()).isEqualTo(inProcess.results());
            assertThat(topology.results().get("r0")).contains("\"passed-on\":2");
            assertThat(topology.deadLetters()).hasSize(2)
                    .allMatch(line -> line.startsWith("r0 at root.children[0].child.children[0].children[0] "));
            assertThat(inProcess.deadLetters()).containsExactly(topology.deadLetters().get(0));
        }

        @Test
        void scaffoldChildFailureIsCountedPerRun() {
            Schema schema = schema(SCHEMA.replace("KIND", "scaffold"));

            BackendRuns.Outcome topology = BackendRuns.onTopology(flume, schema, inputs, "out", Duration.ofSeconds(1));
            BackendRuns.Outcome inProcess = BackendRuns.inProcess(flume, schema, inputs);

            assertThat(topology.results()).isEqualTo(inProcess.results());
            assertThat(topology.scaffoldFailures()).isEqualTo(2);
            assertThat(inProcess.scaffoldFailures()).isEqualTo(1);
        }
    }

    /**
     * A retry runs each attempt on the input it received. In process, and in a retry without
     * backoff, a failed run's header changes are dropped with its fork. A retry with backoff in a
     * topology writes the record to its retry topic with the headers as the failed run left them,
     * so the next run reads the headers it set.
     */
    @Nested
    class HeadersSetByAFailedRun {

        private static final String SCHEMA = """
                type: sequence
                children:
                  - type: retry
                    name: again
                    attempts: 2
                    BACKOFF
                    child:
                      type: sequence
                      children: [ { ref: read-header }, { ref: set-header }, { ref: flaky } ]
                  - stream: out
                """;

        /** A record on which {@code flaky} fails on the first run only. */
        private final Map<String, ObjectNode> inputs = records(value(1, "x"));

        private static final String WITHOUT_HEADER = "passed {\"a\":1,\"b\":1,\"tag\":\"x\",\"h\":\"-\",\"passed-on\":2}";

        @Test
        void areDroppedWithoutBackoffInTopology() {
            Schema schema = schema(SCHEMA.replace("BACKOFF", ""));

            BackendRuns.Outcome topology = BackendRuns.onTopology(flume, schema, inputs, "out");

            assertThat(topology.results()).containsExactlyEntriesOf(Map.of("r0", WITHOUT_HEADER));
        }

        @Test
        void areDroppedInProcess() {
            Schema schema = schema(SCHEMA.replace("BACKOFF", "backoff: 1ms"));

            BackendRuns.Outcome inProcess = BackendRuns.inProcess(flume, schema, inputs);

            assertThat(inProcess.results()).containsExactlyEntriesOf(Map.of("r0", WITHOUT_HEADER));
        }

        // NOTE: RetrySchedulerProcessor copies the record's current headers to the retry topic.
        // Dropping the run's changes needs the headers as the retry node received them, which
        // its frame does not keep.
        @Test
        void areDroppedWithBackoffInTopology() {
            Schema schema = schema(SCHEMA.replace("BACKOFF", "backoff: 1ms"));

            BackendRuns.Outcome topology = BackendRuns.onTopology(flume, schema, inputs, "out", Duration.ofSeconds(1));

            assertThat(topology.results()).containsExactlyEntriesOf(Map.of("r0", WITHOUT_HEADER));
        }
    }

    /**
     * A {@code concurrent} node without a reducer, and a {@code scaffold}, run each child on a
     * copy, and the record continues unchanged. A topology copies the headers for each child
     * ({@code CopyProcessor}), so a header a child sets never reaches the record. In process the
     * children share the record's headers.
     */
    @Nested
    class HeadersSetByAFanOutChild {

        private static final String CONCURRENT = """
                type: sequence
                children:
                  - type: concurrent
                    children: [ { ref: set-header } ]
                  - ref: read-header
                  - stream: out
                """;

        private static final String CONCURRENT_IN_RETRY = """
                type: sequence
                children:
                  - type: retry
                    attempts: 2
                    child:
                      type: concurrent
                      children: [ { ref: set-header } ]
                  - ref: read-header
                  - stream: out
                """;

        @Test
        void concurrentChildHeaderStaysInTopology() {
            BackendRuns.Outcome topology = BackendRuns.onTopology(flume, schema(CONCURRENT), records(value(2, "x")), "out");

            assertThat(topology.results()).containsExactlyEntriesOf(Map.of("r0", "passed {\"a\":2,\"b\":1,\"tag\":\"x\",\"h\":\"-\"}"));
        }

        @Test
        void scaffoldChildHeaderStaysInTopology() {
            String scaffold = CONCURRENT.replace("type: concurrent", "type: scaffold");

            BackendRuns.Outcome topology = BackendRuns.onTopology(flume, schema(scaffold), records(value(2, "x")), "out");

            assertThat(topology.results()).containsExactlyEntriesOf(Map.of("r0", "passed {\"a\":2,\"b\":1,\"tag\":\"x\",\"h\":\"-\"}"));
        }

        @Test
        void concurrentChildHeaderStaysInProcess() {
            BackendRuns.Outcome inProcess = BackendRuns.inProcess(flume, schema(CONCURRENT), records(value(2, "x")));

            assertThat(inProcess.results()).containsExactlyEntriesOf(Map.of("r0", "passed {\"a\":2,\"b\":1,\"tag\":\"x\",\"h\":\"-\"}"));
        }

        @Test
        void concurrentChildHeaderStaysInsideRetry() {
            List<String> results = List.copyOf(BackendRuns.onTopology(flume, schema(CONCURRENT_IN_RETRY),
                    records(value(2, "x")), "out").results().values());

            assertThat(results).containsExactly("passed {\"a\":2,\"b\":1,\"tag\":\"x\",\"h\":\"-\"}");
        }
    }
}
