package io.flume.examples.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.flume.Flume;
import io.flume.api.Channel;
import io.flume.api.ChannelRecord;
import io.flume.app.FlumeApplication;
import io.flume.config.ConfigLoader;
import io.flume.runtime.app.ClientConfigs;
import io.flume.runtime.app.StreamsRunner;
import io.flume.runtime.app.TopicReader;
import io.flume.runtime.config.AppConfig;
import io.flume.schema.SchemaParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs an application of String values with {@code source.value-serde: string} on the embedded
 * broker: plain UTF-8 text in, plain text out, one stream rewritten with its own key and value
 * serdes, and that stream's channel bridged with them.
 */
class StringValuesOnBrokerTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private static final String CONFIG = """
            application-id: string-values
            source:
              topics: [texts]
              value-serde: string
            schema: pipeline.yaml
            streams:
              texts.raw: { topic: texts.raw }
              texts.numbered: { topic: texts.numbered, key-serde: long, value-serde: json }
            channels:
              texts.numbered: { capacity: 10 }
            """;

    private static final String SCHEMA = """
            type: sequence
            children:
              - ref: shout
              - stream: texts.raw
              - stream: texts.numbered
            """;

    @TempDir
    Path folder;

    @Test
    void plainTextRunsEndToEnd() throws Exception {
        Files.writeString(folder.resolve("pipeline.yaml"), SCHEMA);
        AppConfig config = ConfigLoader.load(Files.writeString(folder.resolve("flume.yaml"), CONFIG));
        Flume<String> flume = Flume.builder(String.class)
                .processor("shout", (ctx, text) -> text.toUpperCase(Locale.ROOT))
                .build();

        try (FlumeApplication<String> app = FlumeApplication.of(config, flume,
                SchemaParser.parse(folder.resolve("pipeline.yaml")))) {
            StreamsRunner runner = app.start(false);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    ClientConfigs.producer(config.kafka(), runner.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("texts", "1", "one"));
                producer.send(new ProducerRecord<>("texts", "2", "zwei grüße"));
                producer.send(new ProducerRecord<>("texts", "three", "not numbered"));
                producer.flush();
            }
            assertThat(app.awaitProcessed(3, TIMEOUT, () -> { })).as("all records processed in time").isTrue();

            Map<String, Object> clientConfig = ClientConfigs.consumer(config.kafka(), runner.bootstrapServers());
            List<ConsumerRecord<byte[], byte[]>> raw = TopicReader.read(clientConfig, "texts.raw", 3, TIMEOUT);
            assertThat(raw).extracting(record -> text(record.value()))
                    .containsExactly("ONE", "ZWEI GRÜSSE", "NOT NUMBERED");
            assertThat(raw).extracting(record -> text(record.key())).containsExactly("1", "2", "three");

            List<ConsumerRecord<byte[], byte[]>> numbered = TopicReader.read(clientConfig, "texts.numbered", 2, TIMEOUT);
            assertThat(numbered).extracting(record -> text(record.value())).containsExactly("\"ONE\"", "\"ZWEI GRÜSSE\"");
            assertThat(numbered).extracting(record -> ByteBuffer.wrap(record.key()).getLong()).containsExactly(1L, 2L);

            List<ConsumerRecord<byte[], byte[]>> deadLetters = TopicReader.read(clientConfig, config.deadLetterTopic(), 1, TIMEOUT);
            assertThat(deadLetters).extracting(record -> text(record.value())).containsExactly("not numbered");

            Channel<String> channel = app.flume().getChannel("texts.numbered").orElseThrow();
            List<ChannelRecord<String>> channelRecords = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ChannelRecord<String> record = channel.poll(TIMEOUT);
                assertThat(record).as("channel record %d", i).isNotNull();
                channelRecords.add(record);
            }
            assertThat(channelRecords).extracting(ChannelRecord::value).containsExactly("ONE", "ZWEI GRÜSSE");
            assertThat(channelRecords).extracting(ChannelRecord::key).containsExactly(1L, 2L);
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
