package io.flume.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flume.ComponentLibrary;
import io.flume.Flume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cross-checks each example's files against each other: the schema only names registered
 * components, the config maps exactly the schema's streams, and the declarative tests name
 * streams that exist. The compiler's validator checks far more, but this test keeps the example
 * folders consistent without depending on it.
 */
class ExampleFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest(name = "{0}")
    @CsvSource({"earthquakes, quake-alerts", "orders, order-pipeline"})
    void configNamesLibraryAndSchema(String example, String applicationId) throws IOException {
        JsonNode config = read(Path.of(example, "flume.yaml"));

        assertThat(config.path("application-id").asText()).isEqualTo(applicationId);
        assertThat(config.path("components").asText()).isEqualTo(example);
        assertThat(config.path("schema").asText()).isEqualTo("pipeline.yaml");
        assertThat(config.path("source").path("key-serde").asText()).isEqualTo("string");
        assertThat(config.path("kafka").path("bootstrap.servers").isMissingNode())
                .as("no bootstrap.servers, so the runner starts the embedded broker")
                .isTrue();
        assertThat(config.path("errors").path("dead-letter-topic").asText()).isNotBlank();
        assertThat(library(example)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"earthquakes", "orders"})
    void schemaNamesOnlyRegisteredComponents(String example) throws IOException {
        Flume<?> flume = library(example).create();
        Names names = Names.of(read(Path.of(example, "pipeline.yaml")));

        assertThat(flume.processorNames()).containsAll(names.refs);
        assertThat(flume.predicateNames()).containsAll(names.predicates);
        assertThat(flume.conditionNames()).containsAll(names.conditions);
        assertThat(flume.reducerNames()).containsAll(names.reducers);
        for (Map.Entry<String, Set<String>> routes : names.routeKeysByCondition.entrySet()) {
            assertThat(flume.conditionValues(routes.getKey()))
                    .as("route keys of the switch on %s", routes.getKey())
                    .containsAll(routes.getValue());
        }
        assertThat(names.types).isSubsetOf("sequence", "scaffold", "filter", "switch", "concurrent", "fallback", "retry", "race");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"earthquakes", "orders"})
    void configMapsExactlyTheSchemaStreams(String example) throws IOException {
        Names names = Names.of(read(Path.of(example, "pipeline.yaml")));
        JsonNode streams = read(Path.of(example, "flume.yaml")).path("streams");
        Set<String> configured = new TreeSet<>();
        streams.fieldNames().forEachRemaining(configured::add);

        assertThat(configured).isEqualTo(names.streams);
        streams.forEach(stream -> assertThat(stream.path("topic").asText()).isNotBlank());
        assertThat(library(example).create().channelNames()).isSubsetOf(names.streams);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"earthquakes", "orders"})
    void declarativeTestsNameExistingStreams(String example) throws IOException {
        Names names = Names.of(read(Path.of(example, "pipeline.yaml")));
        List<Path> testFiles = testFiles(example);

        assertThat(testFiles).isNotEmpty();
        for (Path file : testFiles) {
            JsonNode test = read(file);
            assertThat(file.getParent().resolve(test.path("schema").asText()).normalize())
                    .isEqualTo(Path.of(example, "pipeline.yaml"));
            assertThat(file.getParent().resolve(test.path("config").asText()).normalize())
                    .isEqualTo(Path.of(example, "flume.yaml"));
            assertThat(test.path("components").asText()).isEqualTo(example);
            assertThat(test.path("cases").size()).as("cases in %s", file).isPositive();
            for (JsonNode testCase : test.path("cases")) {
                String name = file + ": " + testCase.path("name").asText();
                assertThat(testCase.path("name").asText()).as("case name in %s", file).isNotBlank();
                assertThat(testCase.path("input").size()).as(name).isPositive();
                testCase.path("expect").path("streams").fieldNames()
                        .forEachRemaining(stream -> assertThat(names.streams).as(name).contains(stream));
            }
        }
    }

    private static ComponentLibrary library(String name) {
        return ServiceLoader.load(ComponentLibrary.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(library -> library.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no component library named " + name
                        + " in META-INF/services/io.flume.ComponentLibrary"));
    }

    private static List<Path> testFiles(String example) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(example, "tests"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".flume-test.yaml"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static JsonNode read(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    /** The component and stream names a schema uses, collected by walking its node tree. */
    private static final class Names {
        final Set<String> refs = new TreeSet<>();
        final Set<String> predicates = new TreeSet<>();
        final Set<String> conditions = new TreeSet<>();
        final Set<String> reducers = new TreeSet<>();
        final Set<String> streams = new TreeSet<>();
        final Set<String> types = new TreeSet<>();
        final Map<String, Set<String>> routeKeysByCondition = new java.util.TreeMap<>();

        static Names of(JsonNode schema) {
            Names names = new Names();
            names.visit(schema);
            return names;
        }

        private void visit(JsonNode node) {
            addText(node, "ref", refs);
            addText(node, "predicate", predicates);
            addText(node, "condition", conditions);
            addText(node, "reducer", reducers);
            addText(node, "stream", streams);
            addText(node, "type", types);
            if (node.has("condition") && node.has("routes")) {
                Set<String> keys = routeKeysByCondition.computeIfAbsent(node.get("condition").asText(), c -> new TreeSet<>());
                node.get("routes").fieldNames().forEachRemaining(keys::add);
            }
            List<JsonNode> below = new ArrayList<>();
            node.path("children").forEach(below::add);
            node.path("routes").forEach(below::add);
            for (String field : List.of("child", "then", "else", "default")) {
                if (node.has(field)) {
                    below.add(node.get(field));
                }
            }
            below.forEach(this::visit);
        }

        private static void addText(JsonNode node, String field, Set<String> into) {
            if (node.has(field)) {
                into.add(node.get(field).asText());
            }
        }
    }
}
