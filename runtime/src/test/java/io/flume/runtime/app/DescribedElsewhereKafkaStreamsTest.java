package io.flume.runtime.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DescribedElsewhereKafkaStreamsTest {

    /** Forwards every record to all its children. */
    private static final class PassOn extends ContextualProcessor<Object, Object, Object, Object> {
        @Override
        public void process(Record<Object, Object> record) {
            context().forward(record);
        }
    }

    /**
     * Builds 60 diamonds in a row: each node has two children that join again. Kafka Streams'
     * own description of it would take about 2^60 steps.
     */
    private static Topology diamonds() {
        Topology topology = new Topology();
        topology.addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input");
        String last = "source";
        for (int i = 0; i < 60; i++) {
            topology.addProcessor("left-" + i, PassOn::new, last);
            topology.addProcessor("right-" + i, PassOn::new, last);
            topology.addProcessor("join-" + i, PassOn::new, "left-" + i, "right-" + i);
            last = "join-" + i;
        }
        topology.addSink("sink", "output", Serdes.String().serializer(), Serdes.String().serializer(), last);
        return topology;
    }

    @Test
    @Timeout(60)
    void bindingMetricsSkipsTheTopologyDescription(@TempDir Path stateDir) throws Exception {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "diamonds");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir.resolve("state")).toString());
        var streams = new DescribedElsewhereKafkaStreams(diamonds(), properties, new DefaultKafkaClientSupplier());
        var registry = new SimpleMeterRegistry();
        try (var binder = new KafkaStreamsMetrics(streams)) {
            binder.bindTo(registry);

            assertThat(streams.metrics().keySet()).noneMatch(name -> name.name().equals("topology-description"));
            assertThat(registry.getMeters()).isNotEmpty();
            assertThat(registry.find("kafka.stream.alive.stream.threads").meters()).isNotEmpty();
        } finally {
            streams.close(Duration.ZERO);
            registry.close();
        }
    }
}
