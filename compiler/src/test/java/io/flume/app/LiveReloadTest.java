package io.flume.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.runtime.testing.FlumeTestDriver;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParser;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Live reloads on {@code TopologyTestDriver}: the driver keeps running the topology compiled
 * first, so every change it shows came through the live parameters.
 */
class LiveReloadTest {

    private final AtomicInteger calls = new AtomicInteger();

    private Flume<ObjectNode> components() {
        return Flume.builder(ObjectNode.class)
                .condition("by-size", List.of("big", "small"), order -> order.path("total").asInt() > 100 ? "big" : "small")
                .condition("by-region", List.of("big", "small"), order -> "eu".equals(order.path("region").asText()) ? "big" : "small")
                .processor("flaky", (context, order) -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("down");
                })
                .build();
    }

    @Test
    void switchConditionChangesLive() {
        String routing = """
                type: switch
                name: route
                condition: %s
                routes:
                  big: { stream: big }
                  small: { stream: small }
                """;
        try (var app = FlumeApplication.of(FlumeApplication.defaultConfig(), components(), schema(routing.formatted("by-size")));
             FlumeTestDriver<ObjectNode> driver = app.compiled().testDriver()) {
            driver.pipe("o1", order(500, "us"));

            ReloadResult result = app.reload(schema(routing.formatted("by-region")), false);
            driver.pipe("o2", order(500, "us"));

            assertThat(result.outcome()).as(result.message()).isEqualTo(ReloadResult.Outcome.APPLIED_LIVE);
            assertThat(keys(driver.readStream("big"))).containsExactly("o1");
            assertThat(keys(driver.readStream("small"))).containsExactly("o2");
        }
    }

    @Test
    void retryAttemptsChangeLive() {
        String retry = """
                type: retry
                name: charge
                attempts: %d
                child: { ref: flaky }
                """;
        try (var app = FlumeApplication.of(FlumeApplication.defaultConfig(), components(), schema(retry.formatted(2)));
             FlumeTestDriver<ObjectNode> driver = app.compiled().testDriver()) {
            driver.pipe("o1", order(1, "eu"));
            int before = calls.getAndSet(0);

            app.reload(schema(retry.formatted(4)), false);
            driver.pipe("o2", order(1, "eu"));

            assertThat(before).isEqualTo(2);
            assertThat(calls.get()).isEqualTo(4);
            assertThat(driver.readDeadLetters()).hasSize(2);
        }
    }

    @Test
    void unnamedFilterWithOtherPredicateNeedsRestart() {
        Flume<ObjectNode> flume = components();
        flume.addPredicate("is-big", order -> true);
        flume.addPredicate("is-eu", order -> true);
        try (var app = FlumeApplication.of(FlumeApplication.defaultConfig(), flume,
                schema("type: filter\npredicate: is-big\nthen: { stream: out }\n"))) {

            ReloadResult result = app.reload(schema("type: filter\npredicate: is-eu\nthen: { stream: out }\n"), false);

            assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.RESTARTED);
            assertThat(result.diff().format()).contains("- node root: filter-is-big");
        }
    }

    @Test
    void invalidSchemaLeavesTheRunningOne() {
        try (var app = FlumeApplication.of(FlumeApplication.defaultConfig(), components(), schema("ref: flaky"))) {

            ReloadResult result = app.reload(schema("ref: absent"), false);

            assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.INVALID);
            assertThat(result.message()).contains("absent");
            assertThat(app.schema().root().ref()).isEqualTo("flaky");
        }
    }

    private static Schema schema(String yaml) {
        return SchemaParser.parse(yaml, "<inline>");
    }

    private static ObjectNode order(int total, String region) {
        return JsonNodeFactory.instance.objectNode().put("total", total).put("region", region);
    }

    private static List<Object> keys(List<TestRecord<Object, ObjectNode>> records) {
        return records.stream().map(TestRecord::key).toList();
    }
}
