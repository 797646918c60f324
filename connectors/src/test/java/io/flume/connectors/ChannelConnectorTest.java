package io.flume.connectors;

import static io.flume.connectors.ConnectorTestSupport.assertAllDelivered;
import static io.flume.connectors.ConnectorTestSupport.await;
import static io.flume.connectors.ConnectorTestSupport.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.api.Channel;
import io.flume.api.ChannelRecord;
import io.flume.runtime.app.RunnerContext;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConnectorConfig;
import io.flume.runtime.config.ConnectorConfig.Source;
import io.flume.runtime.serde.JsonSerde;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connectors that take a stream from its channel instead of its topic. */
class ChannelConnectorTest {

    /** No connector here reads a topic or dead-letters, so no broker is contacted. */
    private static final String NO_BROKER = "127.0.0.1:9";

    @TempDir
    Path folder;

    @Test
    void acknowledgesEachDeliveryAfterTheSinkWroteIt() throws Exception {
        Channel<String> channel = Channel.bounded(100);
        Path archive = folder.resolve("major.jsonl");
        AppConfig config = config("quakes", ConnectorConfig.of("from-channel", "quakes.major", "json-lines", Source.CHANNEL,
                Map.of("path", archive.toString(), "batch-size", "50")));

        Connectors connectors = Connectors.start(new RunnerContext(config, NO_BROKER, Map.of("quakes.major", channel),
                new StringSerializer()));
        try {
            for (int id = 0; id < 1_000; id++) {
                String value = ConnectorTestSupport.text(ConnectorTestSupport.value(id));
                channel.offer(new ChannelRecord<>("k" + id, value, new RecordHeaders(), 0L, "quakes.major", 0, id),
                        Duration.ofSeconds(5));
            }
            await("1,000 acknowledgements", Duration.ofSeconds(20), () -> channel.takenCount() >= 1_000);
        } finally {
            connectors.stop(Duration.ofSeconds(5));
        }

        List<Integer> ids = Files.readAllLines(archive).stream().map(ConnectorTestSupport::idOf).toList();
        assertThat(assertAllDelivered(ids, 1_000)).isZero();
        assertThat(channel.takenCount()).as("acknowledged deliveries").isEqualTo(1_000);
        assertThat(connectors.metrics().get("from-channel").written()).isEqualTo(1_000);
    }

    @Test
    void usesTheStreamsOwnValueSerializer() throws Exception {
        Channel<String> channel = Channel.bounded(10);
        Path archive = folder.resolve("major.jsonl");
        AppConfig config = config("quakes", ConnectorConfig.of("from-channel", "quakes.major", "json-lines", Source.CHANNEL,
                Map.of("path", archive.toString())));

        // Raw text is not JSON, so the json-lines file gets the stream's JSON serializer's quoted strings or nothing.
        Connectors connectors = Connectors.start(new RunnerContext(config, NO_BROKER, Map.of("quakes.major", channel),
                new StringSerializer(), Map.of("quakes.major", new JsonSerde<>(String.class))));
        try {
            channel.offer(new ChannelRecord<>("k1", "strong quake", new RecordHeaders(), 0L, "quakes.major", 0, 0),
                    Duration.ofSeconds(5));
            await("one acknowledgement", Duration.ofSeconds(20), () -> channel.takenCount() >= 1);
        } finally {
            connectors.stop(Duration.ofSeconds(5));
        }

        assertThat(Files.readAllLines(archive)).containsExactly("\"strong quake\"");
        assertThat(connectors.metrics().get("from-channel").deadLettered()).isZero();
    }

    @Test
    void streamWithoutChannelFailsAtStart() {
        AppConfig config = config("quakes", ConnectorConfig.of("from-channel", "quakes.major", "json-lines", Source.CHANNEL,
                Map.of("path", folder.resolve("major.jsonl").toString())));

        assertThatThrownBy(() -> Connectors.start(new RunnerContext(config, NO_BROKER, Map.of(), new StringSerializer())))
                .isInstanceOf(ConnectorStartException.class)
                .hasMessageContaining("connector 'from-channel' reads from: channel, but stream 'quakes.major' has no channel")
                .hasMessageContaining("declare one under 'channels:'");
    }
}
