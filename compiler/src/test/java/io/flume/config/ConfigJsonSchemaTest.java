package io.flume.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flume.api.OverflowPolicy;
import io.flume.jsonschema.JsonSchemaCheck;
import io.flume.jsonschema.MarkdownBlocks;
import io.flume.runtime.config.ConfigKeys;
import io.flume.runtime.config.ConfigWord;
import io.flume.runtime.config.KeySerde;
import io.flume.runtime.config.ValueSerde;
import io.flume.runtime.errors.UnhandledFailureMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the JSON Schema of the application config ({@code schemas/config.schema.json}) against
 * {@link ConfigLoader}, which is the truth: the same keys and words, the example configs
 * accepted, and a table of configs that both accept or both reject.
 */
class ConfigJsonSchemaTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");

    private static final JsonSchemaCheck CHECK = JsonSchemaCheck.config();

    @TempDir
    Path folder;

    @Test
    void shippedCopyEqualsRepositoryFile() throws IOException {
        byte[] repository = Files.readAllBytes(JsonSchemaCheck.REPOSITORY_FOLDER.resolve(JsonSchemaCheck.CONFIG));

        assertThat(JsonSchemaCheck.resourceBytes(JsonSchemaCheck.CONFIG)).isEqualTo(repository);
    }

    @Test
    void declaresDraft202012AndId() {
        JsonNode schema = CHECK.schemaNode();

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo("urn:flume:json-schema:config:1");
        assertThat(CHECK.metaSchemaErrors()).isEmpty();
    }

    @Test
    void topLevelKeysMatchLoader() {
        List<String> keys = keys(CHECK.schemaNode().path("properties"));

        assertThat(keys).containsExactlyInAnyOrderElementsOf(ConfigKeys.TOP_LEVEL_KEYS);
        assertThat(CHECK.schemaNode().path("additionalProperties").asBoolean(true)).isFalse();
        CHECK.schemaNode().path("properties").fields().forEachRemaining(property -> assertThat(
                property.getValue().path("description").asText()).as("description of %s", property.getKey()).isNotBlank());
    }

    @Test
    void sectionKeysMatchLoader() {
        JsonNode schema = CHECK.schemaNode();

        assertThat(keys(schema.at("/properties/source/properties"))).containsExactlyInAnyOrderElementsOf(ConfigKeys.SOURCE_KEYS);
        assertThat(keys(schema.at("/properties/errors/properties"))).containsExactlyInAnyOrderElementsOf(ConfigKeys.ERRORS_KEYS);
        assertThat(keys(schema.at("/$defs/stream/anyOf/1/properties"))).containsExactlyInAnyOrderElementsOf(ConfigKeys.STREAM_KEYS);
        assertThat(keys(schema.at("/$defs/channel/anyOf/1/properties"))).containsExactlyInAnyOrderElementsOf(ConfigKeys.CHANNEL_KEYS);
        assertThat(keys(schema.at("/properties/http/properties"))).containsExactlyInAnyOrderElementsOf(ConfigKeys.HTTP_KEYS);
    }

    @Test
    void wordsMatchEnums() {
        JsonNode schema = CHECK.schemaNode();

        assertThat(words(schema.at("/$defs/key-serde/anyOf/0/enum"))).isEqualTo(ConfigWord.all(KeySerde.class));
        assertThat(words(schema.at("/$defs/value-serde/anyOf/0/enum"))).isEqualTo(ConfigWord.all(ValueSerde.class));
        assertThat(words(schema.at("/properties/errors/properties/on-unhandled/anyOf/0/enum")))
                .containsExactlyInAnyOrderElementsOf(ConfigWord.all(UnhandledFailureMode.class));
        assertThat(words(schema.at("/$defs/channel/anyOf/1/properties/overflow/anyOf/0/enum")))
                .isEqualTo(ConfigWord.all(OverflowPolicy.class));
    }

    @Test
    void exampleAndDockerConfigsValidate() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Path.of("..", "examples"))) {
            walk.filter(path -> path.getFileName().toString().matches("flume(-[a-z]+)?\\.yaml")).forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        for (Path file : files) {
            assertThat(CHECK.errors(file)).as(file.toString()).isEmpty();
            ConfigLoader.load(file, ENVIRONMENT);
        }

        // DockerFilesTest loads this one as the compose file mounts it, beside the example's schema.
        assertThat(CHECK.errors(Path.of("..", "docker", "flume.yaml"))).isEmpty();
    }

    @Test
    void configsInDocsValidate() throws IOException {
        Files.writeString(folder.resolve("pipeline.yaml"), "ref: validate\n");
        List<MarkdownBlocks.Block> checked = new ArrayList<>();
        for (Path doc : List.of(Path.of("..", "README.md"), Path.of("..", "docs", "reference.md"))) {
            for (MarkdownBlocks.Block block : MarkdownBlocks.of(doc, "yaml")) {
                JsonNode tree = JsonSchemaCheck.readDocument(block.text());
                if (!tree.isObject() || !tree.has(ConfigKeys.APPLICATION_ID)) {
                    continue;
                }
                assertThat(CHECK.errors(tree)).as(block.toString()).isEmpty();
                ConfigLoader.parse(block.text(), block.toString(), folder, ENVIRONMENT);
                checked.add(block);
            }
        }

        assertThat(checked).isNotEmpty();
    }

    static Stream<Arguments> configs() {
        String base = "application-id: app\nsource: {topics: [in]}\n";
        return Stream.of(
                Arguments.of("minimal", base, true),
                Arguments.of("one topic without a list", "application-id: app\nsource: {topics: in}\n", true),
                Arguments.of("stream as a topic name", base + "streams: {alerts: quake.alerts}\n", true),
                Arguments.of("stream settings", base + "streams:\n  alerts: {topic: a, partitions: 3, key-serde: long, value-serde: string}\n", true),
                Arguments.of("variables in numbers and booleans",
                        base + "topic-partitions: ${PARTITIONS:-3}\ncreate-topics: ${CREATE:-false}\n", true),
                Arguments.of("variable in the application id", "application-id: ${APP:-app}\nsource: {topics: [in]}\n", true),
                Arguments.of("quoted whole number", base + "inline-threads: \"8\"\n", true),
                Arguments.of("zero shutdown grace", base + "shutdown-grace: 0\n", true),
                Arguments.of("go duration", base + "shutdown-grace: 1m30s\n", true),
                Arguments.of("channel with defaults", base + "channels:\n  alerts:\n", true),
                Arguments.of("channel settings", base + "channels: {alerts: {capacity: 10, direct: true, overflow: drop-oldest}}\n", true),
                Arguments.of("kafka properties", base + "kafka:\n  bootstrap.servers: ${KAFKA_BOOTSTRAP_SERVERS}\n"
                        + "  num.stream.threads: 2\n  enable.idempotence: true\n", true),
                Arguments.of("empty errors", base + "errors:\n", true),
                Arguments.of("missing application id", "source: {topics: [in]}\n", false),
                Arguments.of("missing source", "application-id: app\n", false),
                Arguments.of("source without topics", "application-id: app\nsource: {key-serde: string}\n", false),
                Arguments.of("empty topic list", "application-id: app\nsource: {topics: []}\n", false),
                Arguments.of("misspelt top-level key", base + "create-topic: true\n", false),
                Arguments.of("unknown source key", "application-id: app\nsource: {topics: [in], keys: string}\n", false),
                Arguments.of("topic name with a space", "application-id: app\nsource: {topics: [in put]}\n", false),
                Arguments.of("application id with a slash", "application-id: a/b\nsource: {topics: [in]}\n", false),
                Arguments.of("unknown key serde", "application-id: app\nsource: {topics: [in], key-serde: xml}\n", false),
                Arguments.of("unknown on-unhandled", base + "errors: {on-unhandled: ignore}\n", false),
                Arguments.of("zero partitions", base + "topic-partitions: 0\n", false),
                Arguments.of("word for a boolean", base + "create-topics: maybe\n", false),
                Arguments.of("negative duration", base + "shutdown-grace: -1s\n", false),
                Arguments.of("duration in words", base + "shutdown-grace: 10 seconds\n", false),
                Arguments.of("unknown channel key", base + "channels: {alerts: {size: 10}}\n", false),
                Arguments.of("unknown overflow", base + "channels: {alerts: {overflow: drop}}\n", false),
                Arguments.of("unknown stream key", base + "streams: {alerts: {name: a}}\n", false),
                Arguments.of("nested kafka property", base + "kafka: {ssl: {truststore: x}}\n", false),
                Arguments.of("section that is a list", base + "errors: [dead-letter]\n", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void loaderAndJsonSchemaAgree(String description, String config, boolean valid) {
        assertThat(loaderAccepts(config)).as("ConfigLoader").isEqualTo(valid);
        assertThat(CHECK.errors(config).isEmpty()).as("JSON Schema: %s", CHECK.errors(config)).isEqualTo(valid);
    }

    /** Configs that the loader accepts and the JSON Schema rejects on purpose; a change on either side shows up here. */
    static Stream<Arguments> deliberateDifferences() {
        String base = "application-id: app\nsource: {topics: [in]}\n";
        return Stream.of(
                // The loader ignores case and accepts '_' for '-'; editors complete the canonical words.
                Arguments.of("upper-case serde", "application-id: app\nsource: {topics: [in], key-serde: STRING}\n"),
                Arguments.of("underscore in a word", base + "errors: {on-unhandled: dead_letter}\n"),
                // The loader reads any scalar as text; the JSON Schema requires a string.
                Arguments.of("numeric application id", "application-id: 42\nsource: {topics: [in]}\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliberateDifferences")
    void deliberateDifferencesStay(String description, String config) {
        assertThat(loaderAccepts(config)).as("ConfigLoader").isTrue();
        assertThat(CHECK.errors(config)).as("JSON Schema").isNotEmpty();
    }

    @Test
    void connectorsAndHttpSectionsValidate() {
        String config = """
                application-id: app
                source: {topics: [orders]}
                connectors:
                  - name: high-to-rabbit
                    stream: orders.high
                    type: rabbitmq
                    from: channel
                    exchange: orders
                    routing-key: high
                http: {port: 8080, host: 0.0.0.0}
                """;

        assertThat(CHECK.errors(config)).isEmpty();
        assertThat(CHECK.errors(config.replace("port: 8080", "port: 80800"))).isNotEmpty();
        assertThat(CHECK.errors(config.replace("connectors:\n", "connectors: 3\nunused:\n"))).isNotEmpty();
        assertThat(loaderAccepts(config)).isTrue();
    }

    private boolean loaderAccepts(String config) {
        try {
            ConfigLoader.parse(config, "flume.yaml", folder, ENVIRONMENT);
            return true;
        } catch (ConfigException e) {
            return false;
        }
    }

    private static List<String> keys(JsonNode properties) {
        assertThat(properties.isObject()).as("properties").isTrue();
        List<String> keys = new ArrayList<>();
        properties.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<String> words(JsonNode array) {
        assertThat(array.isArray()).as("enum").isTrue();
        List<String> words = new ArrayList<>();
        array.forEach(word -> words.add(word.asText()));
        return words;
    }
}
