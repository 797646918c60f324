package io.flume.runtime.app;

import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * A {@link KafkaStreams} whose {@link #metrics()} leave out the {@code topology-description}
 * gauge.
 *
 * <p>That gauge's value is Kafka Streams 4.4's {@code Topology.describe()} text, which takes time
 * that doubles with each branching node of a sequence: with 40 filters in a row, reading it once
 * took over a minute. Micrometer's {@code KafkaStreamsMetrics} reads every metric's value when
 * it binds them, so the application hung before it started. The runner's {@code /topology}
 * endpoint serves Flume's own description instead.
 */
final class DescribedElsewhereKafkaStreams extends KafkaStreams {

    static final String TOPOLOGY_DESCRIPTION = "topology-description";

    DescribedElsewhereKafkaStreams(Topology topology, Properties properties, KafkaClientSupplier clientSupplier) {
        super(topology, properties, clientSupplier);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return super.metrics().entrySet().stream()
                .filter(entry -> !entry.getKey().name().equals(TOPOLOGY_DESCRIPTION))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
