package io.flume.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.jsonschema.JsonSchemaCheck;
import io.flume.jsonschema.MarkdownBlocks;
import io.flume.schema.NodeType;
import io.flume.schema.SchemaFields;
import io.flume.schema.SchemaParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the JSON Schema of the schema language ({@code schemas/pipeline.schema.json}) against
 * the parser and the validator, which are the truth: the same node kinds and fields, every
 * example and documented schema accepted, and the structurally invalid cases of
 * {@link ValidatorTest} rejected.
 */
class PipelineJsonSchemaTest {

    /**
     * The cases of {@link ValidatorTest#invalidSchemas()} that are invalid only against a
     * component library or a config, which a JSON Schema cannot know. The JSON Schema must
     * reject every other case.
     */
    private static final Set<String> NEEDS_COMPONENTS_OR_CONFIG = Set.of(
            "components that are not registered",
            "streams that are not declared");

    private static final JsonSchemaCheck CHECK = JsonSchemaCheck.pipeline();

    private final Validator validator = new Validator();

    @Test
    void shippedCopyEqualsRepositoryFile() throws IOException {
        byte[] repository = Files.readAllBytes(JsonSchemaCheck.REPOSITORY_FOLDER.resolve(JsonSchemaCheck.PIPELINE));

        assertThat(JsonSchemaCheck.resourceBytes(JsonSchemaCheck.PIPELINE)).isEqualTo(repository);
    }

    @Test
    void declaresDraft202012AndId() {
        JsonNode schema = CHECK.schemaNode();

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo("urn:flume:json-schema:pipeline:1");
        assertThat(CHECK.metaSchemaErrors()).isEmpty();
    }

    @Test
    void nodeKindsMatchNodeType() {
        List<String> kinds = new ArrayList<>();
        for (JsonNode alternative : CHECK.schemaNode().at("/$defs/any-node/oneOf")) {
            kinds.add(alternative.path("$ref").asText().replace("#/$defs/", ""));
        }

        assertThat(kinds).containsExactlyElementsOf(Stream.of(NodeType.values()).map(NodeType::keyword).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeTypes")
    void fieldsOfEachKindMatchParser(NodeType type) {
        JsonNode definition = definition(type);
        Set<String> expected = new LinkedHashSet<>(type.allowedFields());
        expected.add(SchemaFields.VERSION);

        assertThat(names(definition.path("properties").fieldNames())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(definition.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(definition.path("required").get(0).asText()).isEqualTo(type.kindField());
        assertThat(definition.path("title").asText()).isNotBlank();
        assertThat(definition.path("description").asText()).isNotBlank();
        if (type.kindField().equals(SchemaFields.TYPE)) {
            assertThat(definition.at("/properties/type/const").asText()).isEqualTo(type.keyword());
        }
        definition.path("properties").fields().forEachRemaining(property -> assertThat(description(property.getValue()))
                .as("description of %s in %s", property.getKey(), type).isNotBlank());
    }

    @Test
    void everyParserFieldIsDescribed() {
        Set<String> described = new LinkedHashSet<>();
        for (NodeType type : NodeType.values()) {
            definition(type).path("properties").fieldNames().forEachRemaining(described::add);
        }

        assertThat(described).containsAll(SchemaFields.NODE_FIELDS);
    }

    /**
     * Checks that each kind's {@code examples} are valid for both, and that taking out one field
     * at a time keeps the two in agreement. This pins the required fields of every kind to the
     * validator's.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeTypes")
    void requiredFieldsAgreeWithValidator(NodeType type) {
        JsonNode examples = definition(type).path("examples");
        assertThat(examples.size()).as("examples of %s", type).isPositive();

        for (JsonNode example : examples) {
            assertThat(CHECK.errors(example)).as("JSON Schema on %s", example).isEmpty();
            assertThat(structureProblems(example.toString())).as("validator on %s", example).isEmpty();

            for (String field : names(example.fieldNames())) {
                ObjectNode without = ((ObjectNode) example).deepCopy();
                without.remove(field);
                boolean validatorAccepts = structureProblems(without.toString()).isEmpty();
                boolean jsonSchemaAccepts = CHECK.errors(without).isEmpty();

                assertThat(jsonSchemaAccepts).as("%s without '%s': JSON Schema accepts (validator: %s)",
                        example, field, validatorAccepts).isEqualTo(validatorAccepts);
            }
        }
    }

    /**
     * Puts values of every shape into each field of each kind's examples: text, numbers,
     * booleans, lists and mappings. The validator and the JSON Schema must agree on each, except
     * that the parser reads a number or boolean as text where the JSON Schema requires a string.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeTypes")
    void wrongShapesAgreeWithValidator(NodeType type) {
        List<JsonNode> values = new ArrayList<>();
        for (String value : List.of("\"x\"", "\"1s\"", "\" \"", "0", "5", "2.5", "-1", "true", "[]", "{}",
                "{\"ref\": \"a\"}", "[{\"ref\": \"a\"}]", "[{\"ref\": \"a\"}, {\"ref\": \"b\"}]")) {
            values.add(JsonSchemaCheck.readDocument(value));
        }
        JsonNode definition = definition(type);

        for (JsonNode example : definition.path("examples")) {
            for (String field : names(example.fieldNames())) {
                for (JsonNode value : values) {
                    ObjectNode changed = ((ObjectNode) example).deepCopy();
                    changed.set(field, value);
                    boolean validatorAccepts = structureProblems(changed.toString()).isEmpty();
                    boolean jsonSchemaAccepts = CHECK.errors(changed).isEmpty();

                    boolean scalarReadAsText = validatorAccepts && !jsonSchemaAccepts
                            && (value.isNumber() || value.isBoolean())
                            && requiresString(definition.path("properties").path(field));
                    if (!scalarReadAsText) {
                        assertThat(jsonSchemaAccepts).as("%s: JSON Schema accepts (validator: %s)", changed, validatorAccepts)
                                .isEqualTo(validatorAccepts);
                    }
                }
            }
        }
    }

    @Test
    void examplesAndTestSchemasValidate() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Path.of("..", "examples"))) {
            walk.filter(path -> path.getFileName().toString().equals("pipeline.yaml")).forEach(files::add);
        }
        files.add(Path.of("src/test/resources/schemas/every-node-type.yaml"));
        files.add(Path.of("src/test/resources/schemas/every-node-type.json"));
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);

        for (Path file : files) {
            assertThat(CHECK.errors(file)).as(file.toString()).isEmpty();
        }
    }

    @Test
    void schemasInDocsValidate() {
        List<MarkdownBlocks.Block> checked = new ArrayList<>();
        for (Path doc : List.of(Path.of("..", "docs", "reference.md"), Path.of("..", "README.md"))) {
            for (MarkdownBlocks.Block block : MarkdownBlocks.of(doc, "yaml")) {
                JsonNode tree = JsonSchemaCheck.readDocument(block.text());
                boolean schema = tree.isObject()
                        && (tree.has(SchemaFields.REF) || tree.has(SchemaFields.TYPE) || tree.has(SchemaFields.STREAM));
                if (!schema) {
                    continue;
                }
                assertThat(CHECK.errors(tree)).as(block.toString()).isEmpty();
                assertThat(structureProblems(block.text())).as("validator on %s", block).isEmpty();
                checked.add(block);
            }
        }

        // Every node kind has an example in the reference, and the README has two schemas.
        assertThat(checked).hasSizeGreaterThanOrEqualTo(NodeType.values().length + 2);
    }

    static Stream<Arguments> validatorInvalidCases() {
        return ValidatorTest.invalidSchemas();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validatorInvalidCases")
    void validatorInvalidCasesAreRejected(String description, String schema, List<String> validatorErrors) {
        List<String> errors = CHECK.errors(schema);

        if (NEEDS_COMPONENTS_OR_CONFIG.contains(description)) {
            assertThat(errors).as("a JSON Schema cannot know components or declared streams").isEmpty();
        } else {
            assertThat(errors).as("validator reports %s", validatorErrors).isNotEmpty();
        }
    }

    @Test
    void threeMistakesFileIsRejected() {
        assertThat(CHECK.errors(Path.of("src/test/resources/schemas/three-mistakes.yaml"))).isNotEmpty();
    }

    static Stream<Arguments> validatorWarnedCases() {
        return ValidatorTest.warnedSchemas();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validatorWarnedCases")
    void warningsAreNotErrors(String description, String schema, List<String> warnings) {
        assertThat(CHECK.errors(schema)).isEmpty();
    }

    /** Structural details that the JSON Schema checks the same way as the validator. */
    static Stream<Arguments> edgeCases() {
        return Stream.of(
                Arguments.of("go duration with several units", "type: timeout\nduration: 2m30.5s\nchild: {ref: a}\n", true),
                Arguments.of("duration with a plus sign", "type: timeout\nduration: +5s\nchild: {ref: a}\n", true),
                Arguments.of("duration in microseconds", "type: timeout\nduration: 50\u00b5s\nchild: {ref: a}\n", true),
                Arguments.of("zero duration in two units", "type: timeout\nduration: 0m0.0s\nchild: {ref: a}\n", false),
                Arguments.of("duration without a unit", "type: timeout\nduration: \"5\"\nchild: {ref: a}\n", false),
                Arguments.of("duration as a number", "type: timeout\nduration: 5\nchild: {ref: a}\n", false),
                Arguments.of("fractional requests per second", "type: rate-limit\nrequests_per_second: 0.5\nchild: {ref: a}\n", true),
                Arguments.of("quoted count", "type: retry\nattempts: \"3\"\nchild: {ref: a}\n", false),
                Arguments.of("fractional count", "type: retry\nattempts: 2.5\nchild: {ref: a}\n", false),
                Arguments.of("count above the int range", "type: retry\nattempts: 2147483648\nchild: {ref: a}\n", false),
                Arguments.of("name with a colon", "ref: a\nname: orders:v2\n", true),
                Arguments.of("name of 249 characters", "ref: a\nname: " + "n".repeat(249) + "\n", true),
                Arguments.of("blank processor name", "ref: \" \"\n", false),
                Arguments.of("blank reducer", "type: concurrent\nreducer: \"\"\nchildren: [{ref: a}]\n", false),
                Arguments.of("stream with an empty children list", "stream: alerts\nchildren: []\n", true),
                Arguments.of("stream named ..", "stream: \"..\"\n", false),
                Arguments.of("numeric version", "version: 1\nref: a\n", true),
                Arguments.of("version as a mapping", "version: {major: 1}\nref: a\n", false),
                Arguments.of("route that is not a node", "type: switch\ncondition: c\nroutes: {high: a}\n", false),
                Arguments.of("route named default without a default", "type: switch\ncondition: c\nroutes: {default: {ref: a}}\n", true),
                Arguments.of("version inside a route", "type: switch\ncondition: c\nroutes:\n  high: {ref: a, version: \"1\"}\n", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edgeCases")
    void edgeCasesAgreeWithValidator(String description, String schema, boolean valid) {
        assertThat(structureProblems(schema).isEmpty()).as("validator").isEqualTo(valid);
        assertThat(CHECK.errors(schema).isEmpty()).as("JSON Schema: %s", CHECK.errors(schema)).isEqualTo(valid);
    }

    /**
     * Schemas that one of the JSON Schema and the validator accepts and the other rejects, on
     * purpose. A change on either side shows up here.
     */
    static Stream<Arguments> deliberateDifferences() {
        return Stream.of(
                // The parser reads any scalar as text; the JSON Schema requires strings, so that
                // an editor flags a name that YAML reads as a number or a boolean.
                Arguments.of("numeric processor name", "ref: 42\n", true, false),
                Arguments.of("boolean stream name", "stream: true\n", true, false),
                // The parser reads an empty optional field as absent; the JSON Schema flags it as
                // a value that was probably forgotten.
                Arguments.of("empty attempts", "type: retry\nattempts:\nchild: {ref: a}\n", true, false),
                Arguments.of("empty else", "type: filter\npredicate: p\nthen: {ref: a}\nelse:\n", true, false),
                // Go truncates durations to whole nanoseconds, so this one is zero; the pattern
                // cannot see that.
                Arguments.of("duration below a nanosecond", "type: timeout\nduration: 0.5ns\nchild: {ref: a}\n", false, true),
                // JSON has no infinity, so the JSON Schema cannot exclude YAML's .inf.
                Arguments.of("infinite rate", "type: rate-limit\nrequests_per_second: .inf\nchild: {ref: a}\n", false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliberateDifferences")
    void deliberateDifferencesStay(String description, String schema, boolean validatorAccepts, boolean jsonSchemaAccepts) {
        assertThat(structureProblems(schema).isEmpty()).as("validator").isEqualTo(validatorAccepts);
        assertThat(CHECK.errors(schema).isEmpty()).as("JSON Schema: %s", CHECK.errors(schema)).isEqualTo(jsonSchemaAccepts);
    }

    static Stream<NodeType> nodeTypes() {
        return Stream.of(NodeType.values());
    }

    private static JsonNode definition(NodeType type) {
        JsonNode definition = CHECK.schemaNode().path("$defs").path(type.keyword());
        assertThat(definition.isObject()).as("$defs/%s", type.keyword()).isTrue();
        return definition;
    }

    /** Returns a property's description, or that of the definition it refers to. */
    private static String description(JsonNode property) {
        if (property.has("description") || !property.has("$ref")) {
            return property.path("description").asText();
        }
        return CHECK.schemaNode().at(property.get("$ref").asText().substring(1)).path("description").asText();
    }

    /** Returns whether a property's schema, or the definition it refers to, requires a string. */
    private static boolean requiresString(JsonNode property) {
        if (property.has("const")) {
            return property.get("const").isTextual();
        }
        JsonNode resolved = property.has("$ref")
                ? CHECK.schemaNode().at(property.get("$ref").asText().substring(1))
                : property;
        return resolved.path("type").asText().equals("string");
    }

    private List<Problem> structureProblems(String schema) {
        return validator.validateStructure(SchemaParser.parse(schema)).errors();
    }

    private static List<String> names(Iterator<String> fieldNames) {
        List<String> names = new ArrayList<>();
        fieldNames.forEachRemaining(names::add);
        return names;
    }
}
