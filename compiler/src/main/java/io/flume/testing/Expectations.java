package io.flume.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks what a case's streams and dead-letter topic received against what the case expects,
 * and describes each difference with the record's position, such as
 * {@code stream quakes.minor record 2: field properties.severity expected "minor" but was "light"}.
 */
final class Expectations {

    /** How many unexpected records a message lists before it only counts the rest. */
    static final int MAX_LISTED_RECORDS = 5;

    /** A record a stream received, as JSON. */
    record Received(JsonNode key, JsonNode value) {
    }

    /** A record the dead-letter topic received, as JSON, with its failure headers. */
    record ReceivedDeadLetter(JsonNode key, JsonNode value, String error, String node) {
    }

    private final TestFile.Case testCase;
    private final List<String> failures = new ArrayList<>();

    private Expectations(TestFile.Case testCase) {
        this.testCase = testCase;
    }

    /**
     * Returns one line per difference between what the case expects and what was received.
     *
     * @param streams the records every stream of the topology received, by stream name
     */
    static List<String> check(TestFile.Case testCase, Map<String, List<Received>> streams, List<ReceivedDeadLetter> deadLetters) {
        Expectations check = new Expectations(testCase);
        check.streams(streams);
        check.deadLetters(deadLetters);
        return check.failures;
    }

    private void streams(Map<String, List<Received>> received) {
        for (TestFile.Expected expected : testCase.streams().values()) {
            stream(expected.stream(), expected.records(), received.getOrDefault(expected.stream(), List.of()));
        }
        if (testCase.strict()) {
            received.forEach((stream, records) -> {
                if (!testCase.streams().containsKey(stream) && !records.isEmpty()) {
                    failures.add("stream " + stream + " received " + count(records.size())
                            + " but the case does not list it (strict): " + list(records, 0, Expectations::show));
                }
            });
        }
    }

    private void stream(String stream, List<TestFile.ExpectedRecord> expected, List<Received> received) {
        if (expected.isEmpty()) {
            if (!received.isEmpty()) {
                failures.add("stream " + stream + " expected no records but received " + received.size() + ": "
                        + list(received, 0, Expectations::show));
            }
            return;
        }
        if (expected.size() != received.size()) {
            failures.add("stream " + stream + " expected " + count(expected.size()) + " but received " + received.size());
        }
        int common = Math.min(expected.size(), received.size());
        for (int i = 0; i < common; i++) {
            String prefix = "stream " + stream + " record " + (i + 1) + ": ";
            for (String difference : differences(expected.get(i), received.get(i))) {
                failures.add(prefix + difference);
            }
        }
        for (int i = common; i < expected.size(); i++) {
            failures.add("stream " + stream + " record " + (i + 1) + ": missing; expected " + show(expected.get(i)));
        }
        if (received.size() > expected.size()) {
            failures.add("stream " + stream + " received more records than expected: " + list(received, expected.size(), Expectations::show));
        }
    }

    private List<String> differences(TestFile.ExpectedRecord expected, Received actual) {
        List<String> differences = new ArrayList<>();
        if (expected.key() != null && !RecordCodec.keysMatch(expected.key(), actual.key())) {
            differences.add("key expected " + JsonMatch.show(expected.key()) + " but was " + JsonMatch.show(actual.key()));
        }
        if (expected.value() != null) {
            differences.addAll(JsonMatch.differences(expected.value(), actual.value(), testCase.exact()));
        }
        return differences;
    }

    private void deadLetters(List<ReceivedDeadLetter> received) {
        List<TestFile.ExpectedDeadLetter> expected = testCase.deadLetters();
        if (expected == null) {
            if (testCase.strict() && !received.isEmpty()) {
                failures.add("dead-letter received " + count(received.size()) + " but the case does not list it (strict): "
                        + list(received, 0, Expectations::show));
            }
            return;
        }
        if (expected.isEmpty()) {
            if (!received.isEmpty()) {
                failures.add("dead-letter expected no records but received " + received.size() + ": "
                        + list(received, 0, Expectations::show));
            }
            return;
        }
        if (expected.size() != received.size()) {
            failures.add("dead-letter expected " + count(expected.size()) + " but received " + received.size());
        }
        int common = Math.min(expected.size(), received.size());
        for (int i = 0; i < common; i++) {
            String prefix = "dead-letter record " + (i + 1) + ": ";
            for (String difference : differences(expected.get(i), received.get(i))) {
                failures.add(prefix + difference);
            }
        }
        for (int i = common; i < expected.size(); i++) {
            failures.add("dead-letter record " + (i + 1) + ": missing; expected " + show(expected.get(i)));
        }
        if (received.size() > expected.size()) {
            failures.add("dead-letter received more records than expected: " + list(received, expected.size(), Expectations::show));
        }
    }

    private List<String> differences(TestFile.ExpectedDeadLetter expected, ReceivedDeadLetter actual) {
        List<String> differences = new ArrayList<>();
        if (expected.key() != null && !RecordCodec.keysMatch(expected.key(), actual.key())) {
            differences.add("key expected " + JsonMatch.show(expected.key()) + " but was " + JsonMatch.show(actual.key()));
        }
        if (expected.error() != null && (actual.error() == null || !actual.error().contains(expected.error()))) {
            differences.add("error expected to contain " + quote(expected.error()) + " but was " + quote(actual.error()));
        }
        if (expected.node() != null && (actual.node() == null || !actual.node().contains(expected.node()))) {
            differences.add("node expected to contain " + quote(expected.node()) + " but was " + quote(actual.node()));
        }
        if (expected.value() != null) {
            differences.addAll(JsonMatch.differences(expected.value(), actual.value(), testCase.exact()));
        }
        return differences;
    }

    private static String count(int records) {
        return records == 1 ? "1 record" : records + " records";
    }

    /** Lists records from index {@code from} on, numbered from 1, at most {@link #MAX_LISTED_RECORDS} of them. */
    private static <R> String list(List<R> records, int from, java.util.function.Function<R, String> show) {
        List<String> shown = new ArrayList<>();
        int until = Math.min(records.size(), from + MAX_LISTED_RECORDS);
        for (int i = from; i < until; i++) {
            shown.add("record " + (i + 1) + " " + show.apply(records.get(i)));
        }
        if (records.size() > until) {
            shown.add("and " + (records.size() - until) + " more");
        }
        return String.join("; ", shown);
    }

    private static String show(Received record) {
        return "key " + JsonMatch.show(record.key()) + " value " + JsonMatch.show(record.value());
    }

    private static String show(ReceivedDeadLetter record) {
        return "key " + JsonMatch.show(record.key()) + " error " + quote(record.error()) + " node " + quote(record.node());
    }

    private static String show(TestFile.ExpectedRecord record) {
        return (record.key() == null ? "" : "key " + JsonMatch.show(record.key()) + " ")
                + "value " + (record.value() == null ? "(any)" : JsonMatch.show(record.value()));
    }

    private static String show(TestFile.ExpectedDeadLetter record) {
        List<String> parts = new ArrayList<>();
        if (record.key() != null) {
            parts.add("key " + JsonMatch.show(record.key()));
        }
        if (record.error() != null) {
            parts.add("error containing " + quote(record.error()));
        }
        if (record.node() != null) {
            parts.add("node containing " + quote(record.node()));
        }
        if (record.value() != null) {
            parts.add("value " + JsonMatch.show(record.value()));
        }
        return parts.isEmpty() ? "any record" : String.join(" ", parts);
    }

    private static String quote(String text) {
        return text == null ? "nothing" : "\"" + text + "\"";
    }
}
