package io.flume.connectors;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Registers each connector's counters as Micrometer meters, tagged with the application, the
 * connector's name and its sink type. The meters read the connector's snapshot when the registry
 * is scraped, so the connector threads never call the registry.
 */
final class ConnectorMeters {

    private ConnectorMeters() {
    }

    static List<Meter> bind(MeterRegistry registry, String application, Map<String, Connector> connectors) {
        List<Meter> meters = new ArrayList<>();
        connectors.forEach((name, connector) -> {
            Tags tags = Tags.of("application", application, "connector", name, "type", connector.type());
            meters.add(counter(registry, "flume.connector.records.written", "records the target acknowledged", tags,
                    connector, c -> c.metrics().written()));
            meters.add(counter(registry, "flume.connector.records.failed", "records whose write failed, before retries", tags,
                    connector, c -> c.metrics().failed()));
            meters.add(counter(registry, "flume.connector.records.retried", "records written again after a transient failure",
                    tags, connector, c -> c.metrics().retried()));
            meters.add(counter(registry, "flume.connector.records.dead.lettered", "records sent to the dead-letter topic",
                    tags, connector, c -> c.metrics().deadLettered()));
            meters.add(counter(registry, "flume.connector.batches", "batches written", tags, connector,
                    c -> c.metrics().batches()));
            meters.add(Gauge.builder("flume.connector.lag", connector, c -> c.metrics().lag())
                    .description("records of the stream not yet written")
                    .baseUnit("records")
                    .tags(tags)
                    .register(registry));
        });
        return meters;
    }

    private static Meter counter(MeterRegistry registry, String name, String description, Tags tags, Connector connector,
                                 ToDoubleFunction<Connector> count) {
        return FunctionCounter.builder(name, connector, count)
                .description(description)
                .baseUnit("records")
                .tags(tags)
                .register(registry);
    }
}
