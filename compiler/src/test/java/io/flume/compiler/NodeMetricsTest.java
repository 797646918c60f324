package io.flume.compiler;

import static io.flume.compiler.TestComponents.order;
import static io.flume.compiler.TestComponents.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.flume.runtime.metrics.FlumeMeterBinder;
import io.flume.runtime.metrics.FlumeMetrics;
import io.flume.runtime.metrics.MetricNames;
import io.flume.runtime.metrics.NodeCounters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-node metrics of compiled topologies on {@code TopologyTestDriver}: the counters work
 * without any meter registry, and a binder tags them with the names and paths that the compiler
 * gives the nodes.
 */
class NodeMetricsTest {

    private static final String SCHEMA = """
            type: sequence
            name: orders
            children:
              - ref: validate
              - type: retry
                name: flaky-retry
                attempts: 3
                child: { ref: flaky }
              - type: filter
                predicate: is-big
                then: { stream: big }
              - type: circuit-breaker
                name: guard
                child: { ref: mark }
              - type: rate-limit
                name: limiter
                requests_per_second: 1000
                burst_size: 100
                child: { ref: double }
            """;

    private final TestComponents components = new TestComponents();

    @Test
    void countersWorkWithoutRegistry() {
        var compiled = TopologyCompiler.compile(schema(SCHEMA), components.flume, CompileOptions.defaults());
        try (var driver = compiled.testDriver()) {
            driver.pipe("k1", order(150));
            driver.pipe("k2", order(20).put("fail_attempts", 1));
            driver.pipe("k3", order(-1));
            driver.pipe("k4", order(30).put("fail_attempts", 5));
        }

        Map<String, NodeCounters> nodes = compiled.metrics().nodes();
        NodeCounters validate = nodes.get("orders.validate");
        assertThat(validate.nodePath()).isEqualTo("root.children[0]");
        assertThat(validate.kind()).isEqualTo("ref");
        assertThat(validate.in()).isEqualTo(4);
        assertThat(validate.out()).isEqualTo(3);
        assertThat(validate.failed()).isEqualTo(1);
        assertThat(validate.timedRuns()).isEqualTo(4);

        NodeCounters retry = nodes.get("flaky-retry");
        assertThat(retry.kind()).isEqualTo("retry");
        assertThat(retry.retriesScheduled()).as("one retry for k2, two for k4").isEqualTo(3);
        assertThat(retry.retriesExhausted()).as("k4 failed all three attempts").isEqualTo(1);

        NodeCounters filter = nodes.get("orders.filter-is-big");
        assertThat(filter.nodePath()).isEqualTo("root.children[2]");
        assertThat(filter.routes()).containsExactlyInAnyOrderEntriesOf(Map.of("then", 1L, "else", 1L));

        assertThat(compiled.metrics().circuitBreakers()).containsKey("guard");
        assertThat(compiled.metrics().rateLimitPaths()).containsEntry("limiter", "root.children[4]");
        assertThat(compiled.metrics().deadLettered()).isEqualTo(2);
    }

    @Test
    void boundMetersUseCompiledNames() {
        var compiled = TopologyCompiler.compile(schema(SCHEMA), components.flume, CompileOptions.defaults());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (var driver = compiled.testDriver(); var binder = new FlumeMeterBinder(compiled.metrics(), "flume")) {
            binder.bindTo(registry);
            driver.pipe("k1", order(150));

            assertThat(registry.get(MetricNames.NODE_RECORDS_OUT)
                    .tags("application", "flume", "node", "orders.filter-is-big", "path", "root.children[2]", "kind", "filter")
                    .functionCounter().count()).isEqualTo(1);
            assertThat(registry.get(MetricNames.NODE_ROUTE_RECORDS).tags("node", "orders.filter-is-big", "route", "then")
                    .functionCounter().count()).isEqualTo(1);
            assertThat(registry.get(MetricNames.CIRCUIT_BREAKER_STATE).tags("node", "guard", "path", "root.children[3]")
                    .gauge().value()).isZero();
            assertThat(registry.get(MetricNames.STREAM_SENDS).tag("stream", "big").functionCounter().count()).isEqualTo(1);
        }
    }

    @Test
    void metricsCanBeTurnedOff() {
        CompileOptions options = CompileOptions.builder().metrics(FlumeMetrics.withoutNodeMetrics()).build();
        var compiled = TopologyCompiler.compile(schema(SCHEMA), components.flume, options);
        try (var driver = compiled.testDriver()) {
            driver.pipe("k1", order(150));

            assertThat(driver.readStream("big")).hasSize(1);
        }

        assertThat(compiled.metrics().nodes().get("orders.validate").in()).isZero();
        assertThat(compiled.metrics().streamSends()).containsEntry("big", 1L);
    }
}
