package io.flume.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.api.OverflowPolicy;
import io.flume.compiler.CompileOptions;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ChannelConfig;
import io.flume.runtime.config.KeySerde;
import io.flume.runtime.errors.UnhandledFailureMode;
import io.flume.runtime.config.StreamConfig;
import io.flume.runtime.config.ValueSerde;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private AppConfig load(String yaml, Map<String, String> environment) throws Exception {
        Path file = dir.resolve("flume.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, environment);
    }

    private AppConfig load(String yaml) throws Exception {
        return load(yaml, Map.of());
    }

    private ConfigException failure(String yaml) {
        return failure(yaml, Map.of());
    }

    private ConfigException failure(String yaml, Map<String, String> environment) {
        try {
            load(yaml, environment);
        } catch (ConfigException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a ConfigException, got " + e, e);
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }

    private String file() {
        return dir.resolve("flume.yaml").toString();
    }

    @Test
    void fullConfigLoads() throws Exception {
        Files.writeString(dir.resolve("pipeline.yaml"), "ref: enrich\n");
        AppConfig config = load("""
                application-id: quake-alerts
                kafka:
                  bootstrap.servers: localhost:9092
                  processing.guarantee: exactly_once_v2
                  linger.ms: 5
                source:
                  topics: [earthquakes, tremors]
                  key-serde: long
                  value-serde: json
                schema: pipeline.yaml
                components: org.example.QuakeComponents
                streams:
                  alerts: { topic: quake.alerts, partitions: 6 }
                  audit: quake.audit
                errors:
                  dead-letter-topic: quake.dead-letter
                  on-unhandled: fail
                create-topics: true
                topic-partitions: 3
                shutdown-grace: 1m30s
                inline-threads: 6
                channels:
                  alerts: { capacity: 50, direct: true, overflow: drop-oldest }
                  audit:
                """);

        assertThat(config.applicationId()).isEqualTo("quake-alerts");
        assertThat(config.kafka()).containsExactly(
                Map.entry("bootstrap.servers", "localhost:9092"),
                Map.entry("processing.guarantee", "exactly_once_v2"),
                Map.entry("linger.ms", "5"));
        assertThat(config.source().topics()).containsExactly("earthquakes", "tremors");
        assertThat(config.source().keySerde()).isEqualTo(KeySerde.LONG);
        assertThat(config.source().valueSerde()).isEqualTo(ValueSerde.JSON);
        assertThat(config.schema()).contains(dir.resolve("pipeline.yaml").toAbsolutePath().normalize());
        assertThat(config.components()).contains("org.example.QuakeComponents");
        assertThat(config.streams()).containsEntry("alerts", new StreamConfig("quake.alerts", 6, null, null));
        assertThat(config.streams()).containsEntry("audit", StreamConfig.toTopic("quake.audit"));
        assertThat(config.deadLetterTopic()).isEqualTo("quake.dead-letter");
        assertThat(config.errors().onUnhandled()).isEqualTo(UnhandledFailureMode.FAIL);
        assertThat(config.shouldCreateTopics()).isTrue();
        assertThat(config.topicPartitions()).isEqualTo(3);
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.inlineThreads()).contains(6);
        assertThat(CompileOptions.builder(config).build().inlineThreads()).isEqualTo(6);
        assertThat(config.channels()).containsEntry("alerts", new ChannelConfig(50, true, OverflowPolicy.DROP_OLDEST));
        assertThat(config.channels()).containsEntry("audit", ChannelConfig.DEFAULTS);
        assertThat(config.file()).contains(dir.resolve("flume.yaml"));
    }

    @Test
    void minimalConfigGetsDefaults() throws Exception {
        AppConfig config = load("""
                application-id: orders
                source: { topics: orders-in }
                """);

        assertThat(config.source().topics()).containsExactly("orders-in");
        assertThat(config.source().keySerde()).isEqualTo(KeySerde.STRING);
        assertThat(config.usesEmbeddedBroker()).isTrue();
        assertThat(config.shouldCreateTopics()).isTrue();
        assertThat(config.deadLetterTopic()).isEqualTo("orders.dead-letter");
        assertThat(config.errors().onUnhandled()).isEqualTo(UnhandledFailureMode.DEAD_LETTER);
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.schema()).isEmpty();
        assertThat(config.streams()).isEmpty();
    }

    @Test
    void jsonConfigLoads() throws Exception {
        AppConfig config = load("""
                {"application-id": "orders", "source": {"topics": ["a", "b"]}, "topic-partitions": 2}
                """);

        assertThat(config.source().topics()).containsExactly("a", "b");
        assertThat(config.topicPartitions()).isEqualTo(2);
    }

    @Test
    void environmentVariablesAreSubstituted() throws Exception {
        AppConfig config = load("""
                application-id: ${APP_ID}
                kafka:
                  bootstrap.servers: ${BOOTSTRAP:-127.0.0.1:9092}
                  sasl.jaas.config: "user=${KAFKA_USER} password=${KAFKA_PASSWORD}"
                  client.id: cost$$center
                source: { topics: [orders] }
                topic-partitions: ${PARTITIONS}
                """, Map.of("APP_ID", "orders", "KAFKA_USER", "alice", "KAFKA_PASSWORD", "s3cret", "PARTITIONS", "4"));

        assertThat(config.applicationId()).isEqualTo("orders");
        assertThat(config.kafka()).containsEntry("bootstrap.servers", "127.0.0.1:9092");
        assertThat(config.kafka()).containsEntry("sasl.jaas.config", "user=alice password=s3cret");
        assertThat(config.kafka()).containsEntry("client.id", "cost$center");
        assertThat(config.topicPartitions()).isEqualTo(4);
    }

    @Test
    void unsetVariableNamesFileLineAndVariable() {
        ConfigException error = failure("""
                application-id: orders
                source: { topics: [orders] }
                kafka:
                  sasl.jaas.config: password=${KAFKA_PASSWORD}
                """);

        assertThat(error.problems()).hasSize(1);
        assertThat(error.problems().get(0))
                .startsWith(file() + ":4:21: kafka.sasl.jaas.config: environment variable KAFKA_PASSWORD is not set")
                .contains("${KAFKA_PASSWORD:-default}");
    }

    @Test
    void unknownKeyGetsSuggestion() {
        ConfigException error = failure("""
                application-id: orders
                source: { topics: [orders], key-serdes: long }
                create-topic: true
                """);

        assertThat(error.problems()).containsExactly(
                file() + ":2:29: source: unknown key 'key-serdes'; did you mean 'key-serde'?",
                file() + ":3:1: unknown key 'create-topic'; did you mean 'create-topics'?");
    }

    @Test
    void unknownKeyWithoutNearMatchListsKnownKeys() {
        ConfigException error = failure("""
                application-id: orders
                source: { topics: [orders] }
                errors: { sink: x }
                """);

        assertThat(error.problems()).containsExactly(
                file() + ":3:11: errors: unknown key 'sink'; known keys: dead-letter-topic, on-unhandled");
    }

    @Test
    void wrongTypesNameLineAndValue() {
        ConfigException error = failure("""
                application-id: orders
                source: { topics: [orders] }
                topic-partitions: three
                create-topics: maybe
                shutdown-grace: 10 seconds
                kafka: [a, b]
                """);

        assertThat(error.problems()).containsExactly(
                file() + ":3:19: topic-partitions: expected a whole number of at least 1, got 'three'",
                file() + ":4:16: create-topics: expected true or false, got 'maybe'",
                file() + ":5:17: shutdown-grace: '10 seconds' is not a valid Go duration: unknown unit ' seconds'"
                        + " (valid units: ns, us, µs, ms, s, m, h)",
                file() + ":6:8: kafka: expected a map of settings, got a list");
    }

    @Test
    void invalidEnumValueGetsSuggestion() {
        ConfigException error = failure("""
                application-id: orders
                source: { topics: [orders] }
                errors:
                  on-unhandled: dead-leter
                channels:
                  orders: { overflow: drop }
                """);

        assertThat(error.problems()).containsExactly(
                file() + ":4:17: errors.on-unhandled: invalid value 'dead-leter'; did you mean 'dead-letter'? "
                        + "expected one of: dead-letter, fail, log",
                file() + ":6:23: channels.orders.overflow: invalid value 'drop'; "
                        + "expected one of: block, drop-oldest, dead-letter");
    }

    @Test
    void missingRequiredSettingsAreReported() {
        ConfigException error = failure("""
                kafka:
                  linger.ms: 5
                """);

        assertThat(error.problems()).hasSize(2);
        assertThat(error.problems().get(0)).contains(":1:1: application-id is missing");
        assertThat(error.problems().get(1)).contains(":1:1: source is missing");
        assertThat(error.getMessage()).startsWith("invalid config file " + file() + " (2 problems):");
    }

    @Test
    void illegalTopicNamesAreRejected() {
        ConfigException error = failure("""
                application-id: orders
                source: { topics: [ok, "not ok"] }
                streams:
                  alerts: { topic: "a/b" }
                """);

        assertThat(error.problems()).containsExactly(
                file() + ":2:24: source.topics[1]: 'not ok' contains characters other than a-z, A-Z, 0-9, '.', '_' and '-'",
                file() + ":4:20: streams.alerts.topic: 'a/b' contains characters other than a-z, A-Z, 0-9, '.', '_' and '-'");
    }

    @Test
    void missingSchemaFileIsReported() {
        ConfigException error = failure("""
                application-id: orders
                source: { topics: [orders] }
                schema: missing.yaml
                """);

        assertThat(error.problems()).containsExactly(file() + ":3:9: schema: file not found: "
                + dir.resolve("missing.yaml").toAbsolutePath() + "; the path is relative to the config file's folder");
    }

    @Test
    void unsafeYamlIsRejected() {
        assertThat(failure("""
                application-id: !!java.lang.Runtime orders
                source: { topics: [orders] }
                """).getMessage()).contains(":1:17: YAML tags").contains("are not supported");
        assertThat(failure("""
                application-id: &id orders
                source: { topics: [*id] }
                """).getMessage()).contains(":2:20: YAML aliases (*id) are not supported");
    }

    @Test
    void malformedYamlNamesPosition() {
        ConfigException error = failure("""
                application-id: orders
                source: { topics: [orders]
                """);

        assertThat(error.problems()).hasSize(1);
        assertThat(error.problems().get(0))
                .startsWith(file() + ":2:27: invalid YAML: while parsing a flow mapping; expected ',' or '}'")
                .doesNotContain("\n");
    }

    @Test
    void duplicateKeyIsReported() {
        ConfigException error = failure("""
                application-id: orders
                source: { topics: [orders] }
                application-id: again
                """);

        assertThat(error.problems()).containsExactly(
                file() + ":3:1: duplicate key 'application-id', first given at line 1; keep one of them");
    }

    @Test
    void emptyFileIsReported() {
        assertThat(failure("").problems()).containsExactly(
                file() + ":1:1: the file is empty; it needs at least application-id and source.topics");
    }

    @Test
    void missingFileIsReported() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing + ": failed to read the config file");
    }

    @Test
    void parseResolvesSchemaAgainstBaseDir() throws Exception {
        Files.writeString(dir.resolve("p.yaml"), "ref: x\n");

        AppConfig config = ConfigLoader.parse("application-id: a\nsource: {topics: [t]}\nschema: p.yaml\n",
                "inline.yaml", dir, Map.of());

        assertThat(config.schema()).contains(dir.resolve("p.yaml").normalize());
        assertThat(config.file()).isEmpty();
        assertThat(List.of(config.source().topics().get(0))).containsExactly("t");
    }

    @Test
    void httpSectionTurnsEndpointOn() throws Exception {
        AppConfig config = load("""
                application-id: orders
                source: { topics: [orders] }
                http: { port: 8080 }
                """);

        assertThat(config.http()).contains(new io.flume.runtime.config.HttpConfig("127.0.0.1", 8080));
    }

    @Test
    void httpEndpointIsOffWithoutSection() throws Exception {
        assertThat(load("""
                application-id: orders
                source: { topics: [orders] }
                """).http()).isEmpty();
    }

    @Test
    void httpHostIsConfigurable() throws Exception {
        AppConfig config = load("""
                application-id: orders
                source: { topics: [orders] }
                http:
                  host: 0.0.0.0
                  port: 0
                """);

        assertThat(config.http()).contains(new io.flume.runtime.config.HttpConfig("0.0.0.0", 0));
    }

    @Test
    void invalidHttpSettingsNameFileAndLine() {
        ConfigException error = failure("""
                application-id: orders
                source: { topics: [orders] }
                http:
                  port: 70000
                  hots: 127.0.0.1
                """);

        assertThat(error.problems()).containsExactly(
                file() + ":4:9: http.port: expected a TCP port from 1 to 65535 (0 picks a free one), got '70000'",
                file() + ":5:3: http: unknown key 'hots'; did you mean 'host'?");
    }

    @Test
    void httpSectionWithoutPortIsRejected() {
        ConfigException error = failure("""
                application-id: orders
                source: { topics: [orders] }
                http: { host: 127.0.0.1 }
                """);

        assertThat(error.problems()).hasSize(1);
        assertThat(error.problems().get(0)).startsWith(file() + ":3:").contains("http.port is missing");
    }
}
