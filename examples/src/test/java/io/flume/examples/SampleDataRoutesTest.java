package io.flume.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.examples.earthquakes.EarthquakeComponents;
import io.flume.examples.orders.OrderComponents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Runs each example's sample data through its components, called in the order that the
 * example's {@code pipeline.yaml} sets, and compares the records per stream with the counts that
 * {@code scripts/expected_routes.py} computes from the data alone. A mismatch means that the Java
 * components and the independent Python rules disagree on some real record.
 */
class SampleDataRoutesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The attempts of the orders schema's payment-retry node. */
    private static final int PAYMENT_ATTEMPTS = 3;
    /** The attempts of the earthquakes schema's notify-retry node. */
    private static final int NOTIFY_ATTEMPTS = 3;

    @Test
    void earthquakeRoutesMatchScript() throws Exception {
        Flume<ObjectNode> flume = new EarthquakeComponents().create();
        Map<String, Integer> counts = new TreeMap<>();

        for (String line : Files.readAllLines(Path.of("earthquakes", "data", "earthquakes-usgs-week.jsonl"))) {
            routeQuake(flume, json(line), counts);
        }

        // printed by: python3 earthquakes/scripts/expected_routes.py
        assertThat(counts).isEqualTo(Map.of(
                "quakes.minor", 1551,
                "quakes.moderate", 123,
                "quakes.major", 5,
                "quakes.notable", 88,
                "quakes.tsunami", 4,
                "quakes.notified", 88,
                "quakes.other-events", 28));
    }

    @Test
    void orderRoutesMatchScript() throws Exception {
        Flume<ObjectNode> flume = new OrderComponents().create();
        Map<String, Integer> counts = new TreeMap<>();

        for (String line : Files.readAllLines(Path.of("orders", "data", "orders.jsonl"))) {
            routeOrder(flume, json(line), counts);
        }

        // printed by: python3 orders/scripts/expected_routes.py
        assertThat(counts).isEqualTo(Map.of(
                "audit", 332,
                "orders.high", 24,
                "orders.low", 167,
                "analytics", 141,
                "orders.review", 50,
                "orders.fraud-check", 141,
                "orders.fulfilment", 141,
                "orders.notifications", 141,
                "dead-letter", 9));
    }

    private static void routeQuake(Flume<ObjectNode> flume, ObjectNode feature, Map<String, Integer> counts)
            throws Exception {
        try {
            process(flume, "validate", feature);
            process(flume, "enrich", feature);
        } catch (IllegalArgumentException e) {
            count(counts, "dead-letter");
            return;
        }
        if (!test(flume, "is-earthquake", feature)) {
            String type = evaluate(flume, "event-type", feature);
            boolean other = type.equals("explosion") || type.equals("quarry-blast");
            count(counts, other ? "quakes.other-events" : "quakes.unclassified");
            return;
        }
        String severity = evaluate(flume, "severity", feature);
        count(counts, switch (severity) {
            case "micro", "minor" -> "quakes.minor";
            case "light", "moderate" -> "quakes.moderate";
            default -> "quakes.major";
        });
        if (test(flume, "is-notable", feature)) {
            count(counts, "quakes.notable");
            if (test(flume, "tsunami-warning", feature)) {
                count(counts, "quakes.tsunami");
            }
            boolean notified = runWithRetries(flume, "notify", NOTIFY_ATTEMPTS, feature);
            count(counts, notified ? "quakes.notified" : "dead-letter");
        }
    }

    private static void routeOrder(Flume<ObjectNode> flume, ObjectNode order, Map<String, Integer> counts)
            throws Exception {
        try {
            process(flume, "validate", order);
        } catch (IllegalArgumentException e) {
            count(counts, "dead-letter");
            return;
        }
        count(counts, "audit");
        process(flume, "enrich", order);
        if (test(flume, "is-premium", order)) {
            process(flume, "apply-discount", order);
        }
        count(counts, evaluate(flume, "priority-level", order).equals("high") ? "orders.high" : "orders.low");
        if (test(flume, "is-notable", order)) {
            count(counts, "orders.review");
        } else {
            process(flume, "process", order);
        }
        if (evaluate(flume, "order-status", order).equals("processed")) {
            count(counts, "analytics");
            count(counts, "orders.fraud-check");
            process(flume, "finalize", order);
            if (!runWithRetries(flume, "charge-payment", PAYMENT_ATTEMPTS, order)) {
                count(counts, "orders.payment-failed");
            }
            if (test(flume, "is-charged", order)) {
                count(counts, "orders.fulfilment");
                count(counts, "orders.notifications");
                count(counts, "audit");
            }
        }
    }

    /**
     * Runs a processor as a {@code retry} node runs its child: up to {@code attempts} times, each
     * on a copy of the input, and keeps the first successful result.
     *
     * @return whether an attempt succeeded
     */
    private static boolean runWithRetries(Flume<ObjectNode> flume, String name, int attempts, ObjectNode value) throws Exception {
        var processor = flume.getProcessor(name).orElseThrow().implementation();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                ObjectNode result = processor.process(new TestContext(attempt), value.deepCopy());
                value.setAll(result);
                return true;
            } catch (IllegalStateException e) {
                // This attempt failed; the next one runs on the same input.
            }
        }
        return false;
    }

    private static void process(Flume<ObjectNode> flume, String name, ObjectNode value) throws Exception {
        flume.getProcessor(name).orElseThrow().implementation().process(new TestContext(), value);
    }

    private static boolean test(Flume<ObjectNode> flume, String name, ObjectNode value) throws Exception {
        return flume.getPredicate(name).orElseThrow().implementation().test(value);
    }

    private static String evaluate(Flume<ObjectNode> flume, String name, ObjectNode value) throws Exception {
        return flume.getCondition(name).orElseThrow().implementation().evaluate(value);
    }

    private static void count(Map<String, Integer> counts, String stream) {
        counts.merge(stream, 1, Integer::sum);
    }

    private static ObjectNode json(String line) throws IOException {
        return (ObjectNode) MAPPER.readTree(line);
    }
}
