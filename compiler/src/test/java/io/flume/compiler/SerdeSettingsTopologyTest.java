package io.flume.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.Flume;
import io.flume.runtime.config.KeySerde;
import io.flume.runtime.config.ValueSerde;
import io.flume.runtime.errors.FlumeHeaders;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The value serde of the whole application ({@code source.value-serde}) and the key and value
 * serdes of single streams, checked on the bytes that the topology writes on {@code TopologyTestDriver}.
 */
class SerdeSettingsTopologyTest {

    private static final String SHOUT = """
            type: sequence
            children:
              - ref: shout
              - stream: out
            """;

    private static Flume<String> stringFlume() {
        return Flume.builder(String.class)
                .processor("shout", (ctx, text) -> text.toUpperCase(Locale.ROOT))
                .processor("reject", (ctx, text) -> {
                    throw new IllegalStateException("rejected " + text);
                })
                .build();
    }

    private static CompiledTopology<String> compile(String yaml, CompileOptions options) {
        return TopologyCompiler.compile(SchemaParser.parse(yaml, "test.yaml"), stringFlume(), options);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Reads every record written to {@code topic} as raw bytes. */
    private static List<TestRecord<byte[], byte[]>> rawRecords(io.flume.runtime.testing.FlumeTestDriver<?> driver, String topic) {
        return driver.driver().createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
    }

    private static void pipeRaw(io.flume.runtime.testing.FlumeTestDriver<?> driver, String key, byte[] value) {
        driver.driver().createInputTopic(CompileOptions.DEFAULT_SOURCE_TOPIC, new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(key == null ? null : utf8(key), value);
    }

    @Nested
    class ApplicationValueSerde {

        @Test
        void stringSerdeReadsAndWritesRawUtf8() {
            var options = CompileOptions.builder().valueSerde(ValueSerde.STRING).build();
            try (var compiled = compile(SHOUT, options); var driver = compiled.testDriver()) {
                pipeRaw(driver, "k1", utf8("grüße"));

                var written = rawRecords(driver, "out");
                assertThat(written).hasSize(1);
                assertThat(new String(written.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("GRÜSSE");
                assertThat(written.get(0).value()).isEqualTo(utf8("GRÜSSE"));
                assertThat(driver.readDeadLetters()).isEmpty();
            }
        }

        @Test
        void jsonDefaultWritesQuotedJsonString() {
            try (var compiled = compile(SHOUT, CompileOptions.defaults()); var driver = compiled.testDriver()) {
                pipeRaw(driver, "k1", utf8("\"hello\""));

                var written = rawRecords(driver, "out");
                assertThat(written).hasSize(1);
                assertThat(new String(written.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("\"HELLO\"");
            }
        }

        @Test
        void jsonDefaultRejectsUnquotedText() {
            try (var compiled = compile(SHOUT, CompileOptions.defaults()); var driver = compiled.testDriver()) {
                pipeRaw(driver, "k1", utf8("hello"));

                assertThat(rawRecords(driver, "out")).isEmpty();
                assertThat(driver.readDeadLetters()).hasSize(1);
            }
        }

        @Test
        void stringSerdeWritesDeadLettersRaw() {
            String yaml = """
                    type: sequence
                    children:
                      - ref: reject
                      - stream: out
                    """;
            var options = CompileOptions.builder().valueSerde(ValueSerde.STRING).build();
            try (var compiled = compile(yaml, options); var driver = compiled.testDriver()) {
                pipeRaw(driver, "k1", utf8("plain text"));

                var deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                assertThat(deadLetters.get(0).value()).isEqualTo(utf8("plain text"));
                assertThat(new String(deadLetters.get(0).headers().lastHeader(FlumeHeaders.ERROR_MESSAGE).value(),
                        StandardCharsets.UTF_8)).contains("rejected plain text");
            }
        }

        @Test
        void stringSerdeWritesRetryTopicRaw() {
            String yaml = """
                    type: retry
                    name: flaky
                    attempts: 3
                    backoff: 100ms
                    child:
                      type: sequence
                      children:
                        - ref: fail-once
                        - stream: out
                    """;
            AtomicInteger calls = new AtomicInteger();
            Flume<String> flume = Flume.builder(String.class)
                    .processor("fail-once", (ctx, text) -> {
                        if (calls.getAndIncrement() == 0) {
                            throw new IllegalStateException("first call fails");
                        }
                        return text + "!";
                    })
                    .build();
            var options = CompileOptions.builder().valueSerde(ValueSerde.STRING).build();
            Schema schema = SchemaParser.parse(yaml, "test.yaml");
            try (var compiled = TopologyCompiler.compile(schema, flume, options); var driver = compiled.testDriver()) {
                pipeRaw(driver, "k1", utf8("again"));
                var retries = rawRecords(driver, "flume.flaky.retry");
                driver.advanceWallClockTime(Duration.ofMillis(200));

                assertThat(retries).hasSize(1);
                assertThat(retries.get(0).value()).isEqualTo(utf8("again"));
                var written = rawRecords(driver, "out");
                assertThat(written).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                        .containsExactly("again!");
            }
        }

        @Test
        void bytesSerdeKeepsBytesThatAreNotUtf8() {
            Flume<byte[]> flume = Flume.builder(byte[].class)
                    .processor("reverse", (ctx, bytes) -> {
                        byte[] reversed = new byte[bytes.length];
                        for (int i = 0; i < bytes.length; i++) {
                            reversed[i] = bytes[bytes.length - 1 - i];
                        }
                        return reversed;
                    })
                    .build();
            Schema schema = SchemaParser.parse("""
                    type: sequence
                    children:
                      - ref: reverse
                      - stream: out
                      - stream: encoded
                    """, "test.yaml");
            var options = CompileOptions.builder()
                    .valueSerde(ValueSerde.BYTES)
                    .streamValueSerde("encoded", ValueSerde.JSON)
                    .build();
            try (var compiled = TopologyCompiler.compile(schema, flume, options); var driver = compiled.testDriver()) {
                pipeRaw(driver, "k1", new byte[] {(byte) 0xff, 0x00, 0x41});

                var written = rawRecords(driver, "out");
                assertThat(written).hasSize(1);
                assertThat(written.get(0).value()).containsExactly(0x41, 0x00, 0xff);
                assertThat(new String(rawRecords(driver, "encoded").get(0).value(), StandardCharsets.UTF_8))
                        .as("Jackson writes byte[] as a base64 JSON string").isEqualTo("\"QQD/\"");
            }
        }

        @Test
        void stringSerdeOnJsonLibraryFailsToCompile() {
            Flume<com.fasterxml.jackson.databind.node.ObjectNode> flume = new TestComponents().flume;
            var options = CompileOptions.builder().valueSerde(ValueSerde.STRING).build();
            Schema schema = SchemaParser.parse("stream: out", "test.yaml");

            assertThatThrownBy(() -> TopologyCompiler.compile(schema, flume, options))
                    .isInstanceOf(CompileException.class)
                    .hasMessageContaining("'string' needs String values")
                    .hasMessageContaining("ObjectNode");
        }
    }

    @Nested
    class StreamSerdes {

        private static final String TWO_STREAMS = """
                type: sequence
                children:
                  - ref: shout
                  - stream: raw
                  - stream: quoted
                """;

        @Test
        void streamJsonOnStringApplicationWritesQuotedString() {
            var options = CompileOptions.builder()
                    .valueSerde(ValueSerde.STRING)
                    .streamValueSerde("quoted", ValueSerde.JSON)
                    .build();
            try (var compiled = compile(TWO_STREAMS, options); var driver = compiled.testDriver()) {
                pipeRaw(driver, "k1", utf8("hi"));

                assertThat(rawRecords(driver, "raw").get(0).value()).isEqualTo(utf8("HI"));
                assertThat(rawRecords(driver, "quoted").get(0).value()).isEqualTo(utf8("\"HI\""));

                pipeRaw(driver, "k2", utf8("yo"));
                assertThat(driver.readStream("quoted")).extracting(TestRecord::value).containsExactly("YO");
            }
        }

        @Test
        void streamStringOnJsonApplicationWritesRawText() {
            var options = CompileOptions.builder().streamValueSerde("raw", ValueSerde.STRING).build();
            try (var compiled = compile(TWO_STREAMS, options); var driver = compiled.testDriver()) {
                pipeRaw(driver, "k1", utf8("\"hi\""));

                assertThat(rawRecords(driver, "raw").get(0).value()).isEqualTo(utf8("HI"));
                assertThat(rawRecords(driver, "quoted").get(0).value()).isEqualTo(utf8("\"HI\""));
                assertThat(compiled.valueSerde("raw").deserializer().deserialize("raw", utf8("HI"))).isEqualTo("HI");
            }
        }

        @Test
        void streamKeySerdeLongWritesEightByteKeys() {
            var options = CompileOptions.builder()
                    .valueSerde(ValueSerde.STRING)
                    .streamKeySerde("raw", KeySerde.LONG)
                    .build();
            try (var compiled = compile(TWO_STREAMS, options); var driver = compiled.testDriver()) {
                pipeRaw(driver, "42", utf8("a"));

                byte[] key = rawRecords(driver, "raw").get(0).key();
                assertThat(key).hasSize(8);
                assertThat(ByteBuffer.wrap(key).getLong()).isEqualTo(42L);
                assertThat(rawRecords(driver, "quoted").get(0).key()).isEqualTo(utf8("42"));

                pipeRaw(driver, "43", utf8("b"));
                assertThat(driver.readStream("raw")).extracting(TestRecord::key).containsExactly(43L);
            }
        }

        @Test
        void nonNumericKeyIsDeadLettered() {
            var options = CompileOptions.builder()
                    .valueSerde(ValueSerde.STRING)
                    .streamKeySerde("raw", KeySerde.LONG)
                    .build();
            try (var compiled = compile(TWO_STREAMS, options); var driver = compiled.testDriver()) {
                pipeRaw(driver, "not-a-number", utf8("a"));

                assertThat(rawRecords(driver, "raw")).isEmpty();
                var deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                assertThat(deadLetters.get(0).value()).isEqualTo(utf8("a"));
                assertThat(new String(deadLetters.get(0).headers().lastHeader(FlumeHeaders.ERROR_MESSAGE).value(),
                        StandardCharsets.UTF_8)).contains("not-a-number", "long");
            }
        }

        @Test
        void streamKeySerdeAppliesInsideInlineSubtree() {
            String yaml = """
                    type: timeout
                    duration: 5s
                    child:
                      type: sequence
                      children:
                        - ref: shout
                        - stream: raw
                    """;
            var options = CompileOptions.builder()
                    .valueSerde(ValueSerde.STRING)
                    .streamKeySerde("raw", KeySerde.INTEGER)
                    .build();
            try (var compiled = compile(yaml, options); var driver = compiled.testDriver()) {
                pipeRaw(driver, "7", utf8("a"));

                var written = rawRecords(driver, "raw");
                assertThat(written).hasSize(1);
                assertThat(written.get(0).key()).containsExactly(0, 0, 0, 7);
                assertThat(written.get(0).value()).isEqualTo(utf8("A"));
            }
        }

        @Test
        void streamBytesOnStringLibraryFailsToCompile() {
            var options = CompileOptions.builder().streamValueSerde("raw", ValueSerde.BYTES).build();

            assertThatThrownBy(() -> compile(TWO_STREAMS, options))
                    .isInstanceOf(CompileException.class)
                    .hasMessageContaining("'bytes' needs byte[] values")
                    .hasMessageContaining("String");
        }
    }
}
