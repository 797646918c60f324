package io.flume.compiler.equivalence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.Pipeline;
import io.flume.PipelineResult;
import io.flume.compiler.CompileOptions;
import io.flume.compiler.CompiledTopology;
import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.errors.FlumeHeaders;
import io.flume.runtime.testing.DeadLetter;
import io.flume.runtime.testing.FlumeTestDriver;
import io.flume.schema.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs records through a schema on one back-end and describes what happened in the same terms
 * for both, so that the two descriptions can be compared with {@code equals}. Values are
 * compared as JSON text.
 */
final class BackendRuns {

    /**
     * The input key of a record without a key. Both back-ends run such a record with a null key,
     * and the descriptions show that key as {@code String.valueOf(null)}, which equals this.
     */
    static final String NULL_KEY = "null";

    private BackendRuns() {
    }

    private static Object keyOf(String inputKey) {
        return NULL_KEY.equals(inputKey) ? null : inputKey;
    }

    /**
     * What one back-end did with the records.
     *
     * @param results each record's outcome by key: {@code passed VALUE} or {@code failed at PATH}
     * @param streams what each stream received, as {@code KEY VALUE}, by stream name; streams
     *                that received nothing are left out
     * @param deadLetters every dead letter in the order written, as one line of its key, failure and value
     * @param scaffoldFailures how many failures of {@code scaffold} children were logged and counted
     */
    record Outcome(Map<String, String> results, Map<String, List<String>> streams, List<String> deadLetters,
                   long scaffoldFailures) {

        /**
         * Returns this outcome without order, for runs in which no order is defined: while a
         * retry with backoff waits, the records of other keys and the other children of a fan-out
         * go on. Stream values and dead letters are sorted, and so grouped by key. A failed
         * record's result no longer names the path, because a topology may dead-letter a fan-out
         * child's failure after the record's own, and the dead letters still contain every path.
         */
        Outcome sorted() {
            Map<String, String> unorderedResults = new LinkedHashMap<>();
            results.forEach((key, result) -> unorderedResults.put(key, result.startsWith("failed") ? "failed" : result));
            Map<String, List<String>> sortedStreams = new TreeMap<>();
            streams.forEach((stream, lines) -> sortedStreams.put(stream, lines.stream().sorted().toList()));
            return new Outcome(unorderedResults, sortedStreams, deadLetters.stream().sorted().toList(), scaffoldFailures);
        }
    }

    /** Runs each record with {@code Pipeline.run}, in order, with the map's key as its key (see {@link #NULL_KEY}). */
    static Outcome inProcess(Flume<ObjectNode> flume, Schema schema, Map<String, ObjectNode> inputs) {
        Map<String, String> results = new LinkedHashMap<>();
        Map<String, List<String>> streams = new TreeMap<>();
        List<String> deadLetters = new ArrayList<>();
        long scaffoldFailures = 0;
        try (Pipeline<ObjectNode> pipeline = flume.pipeline(schema)) {
            for (Map.Entry<String, ObjectNode> input : inputs.entrySet()) {
                String key = input.getKey();
                PipelineResult<ObjectNode> result = pipeline.run(keyOf(key), input.getValue().deepCopy());
                results.put(key, result.isFailed() ? "failed at " + result.failure().nodePath() : "passed " + result.value());
                result.sends().forEach((stream, values) -> values.forEach(sent ->
                        streams.computeIfAbsent(stream, name -> new ArrayList<>()).add(key + " " + sent)));
                for (NodeFailure failure : result.deadLetters()) {
                    deadLetters.add(deadLetter(key, failure.nodeName(), failure.nodePath(), failure.error().getClass().getName(),
                            failure.message(), String.valueOf(failure.attempts()), failure.firstFailure(),
                            String.valueOf(failure.input())));
                }
                scaffoldFailures += result.scaffoldFailures().size();
            }
        }
        return new Outcome(results, streams, deadLetters, scaffoldFailures);
    }

    /**
     * Pipes every record into a topology on {@code TopologyTestDriver}, in order, then reads every
     * stream and the dead-letter topic. A record passed when stream {@code out} received it, and
     * its value is the one {@code out} received, so the schema's last step must send to {@code out}.
     */
    static Outcome onTopology(Flume<ObjectNode> flume, Schema schema, Map<String, ObjectNode> inputs, String out) {
        return onTopology(flume, schema, inputs, out, Duration.ZERO);
    }

    /**
     * Runs the records like {@link #onTopology(Flume, Schema, Map, String)}, then advances
     * wall-clock time by {@code wait}, in steps of the topology's shortest punctuation interval,
     * so that retries with backoff are released.
     */
    static Outcome onTopology(Flume<ObjectNode> flume, Schema schema, Map<String, ObjectNode> inputs, String out,
                              Duration wait) {
        Map<String, List<String>> streams = new TreeMap<>();
        List<DeadLetter> deadLetters;
        List<String> deadLetterLines = new ArrayList<>();
        long scaffoldFailures;
        try (CompiledTopology<ObjectNode> compiled = flume.compile(schema, CompileOptions.defaults());
             FlumeTestDriver<ObjectNode> driver = compiled.testDriver()) {
            inputs.forEach((key, value) -> driver.pipe(keyOf(key), value.deepCopy()));
            Duration step = compiled.punctuationInterval().orElse(wait);
            for (Duration waited = Duration.ZERO; waited.compareTo(wait) < 0; waited = waited.plus(step)) {
                driver.advanceWallClockTime(step);
            }
            for (String stream : compiled.streamTopics().keySet()) {
                for (TestRecord<Object, ObjectNode> record : driver.readStream(stream)) {
                    streams.computeIfAbsent(stream, name -> new ArrayList<>()).add(record.key() + " " + record.value());
                }
            }
            deadLetters = driver.readDeadLetters();
            for (DeadLetter letter : deadLetters) {
                Envelope.FirstFailure first = letter.header(FlumeHeaders.ERROR_FIRST_CLASS) == null ? null
                        : new Envelope.FirstFailure(letter.header(FlumeHeaders.ERROR_FIRST_CLASS),
                        letter.header(FlumeHeaders.ERROR_FIRST_MESSAGE), letter.header(FlumeHeaders.ERROR_FIRST_PATH));
                deadLetterLines.add(deadLetter(String.valueOf(letter.key()), letter.errorNode(), letter.errorPath(),
                        letter.errorClass(), letter.errorMessage(), letter.header(FlumeHeaders.ERROR_ATTEMPTS), first,
                        String.valueOf(driver.decode(letter))));
            }
            scaffoldFailures = compiled.metrics().scaffoldFailures();
        }

        Map<String, String> results = new LinkedHashMap<>();
        List<String> outValues = streams.getOrDefault(out, List.of());
        for (String key : inputs.keySet()) {
            String passed = outValues.stream().filter(line -> line.startsWith(key + " ")).findFirst().orElse(null);
            String failedAt = deadLetters.stream().filter(letter -> key.equals(String.valueOf(letter.key())))
                    .reduce((first, second) -> second).map(DeadLetter::errorPath).orElse(null);
            results.put(key, passed != null ? "passed " + passed.substring(key.length() + 1)
                    : failedAt != null ? "failed at " + failedAt
                    : "neither sent to " + out + " nor dead-lettered");
        }
        return new Outcome(results, streams, deadLetterLines, scaffoldFailures);
    }

    private static String deadLetter(String key, String node, String path, String errorClass, String message, String attempts,
                                     Envelope.FirstFailure first, String value) {
        String firstText = first == null ? "none" : first.errorClass() + ": " + first.message() + " at " + first.nodePath();
        return key + " at " + path + " (" + node + "): " + errorClass + ": " + message + "; attempts " + attempts
                + "; first " + firstText + "; value " + value;
    }
}
