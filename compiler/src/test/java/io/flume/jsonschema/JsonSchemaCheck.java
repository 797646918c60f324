package io.flume.jsonschema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Validates YAML or JSON documents against one of the JSON Schemas that the compiler jar ships
 * under {@code io/flume/json-schema/}, with networknt's draft 2020-12 validator.
 */
public final class JsonSchemaCheck {

    /** The classpath folder of the shipped JSON Schemas. */
    public static final String RESOURCE_FOLDER = "/io/flume/json-schema/";
    public static final String PIPELINE = "pipeline.schema.json";
    public static final String CONFIG = "config.schema.json";

    /** The repository folder that the build copies the JSON Schemas from, seen from a module's folder. */
    public static final Path REPOSITORY_FOLDER = Path.of("..", "schemas");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    private final JsonNode schemaNode;
    private final Schema schema;

    private JsonSchemaCheck(String fileName) {
        this.schemaNode = readResource(fileName);
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaNode);
    }

    public static JsonSchemaCheck pipeline() {
        return new JsonSchemaCheck(PIPELINE);
    }

    public static JsonSchemaCheck config() {
        return new JsonSchemaCheck(CONFIG);
    }

    /** Returns the JSON Schema itself, as the jar ships it. */
    public JsonNode schemaNode() {
        return schemaNode;
    }

    /** Returns the errors of the JSON Schema itself against the draft 2020-12 meta-schema, which networknt bundles. */
    public List<String> metaSchemaErrors() {
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(DRAFT_2020_12));
        return metaSchema.validate(schemaNode).stream().map(Error::toString).toList();
    }

    /** Returns the validation errors of a YAML or JSON document, one line each with its location. */
    public List<String> errors(String document) {
        return errors(readDocument(document));
    }

    public List<String> errors(Path file) {
        try {
            return errors(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> errors(JsonNode document) {
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    /**
     * Reads YAML, or JSON, which is YAML too, into a tree. Scalars resolve as in YAML 1.2, which
     * editors' YAML support follows: only true and false are booleans, and {@code .inf} is a
     * number. Jackson's own YAML reader rejects {@code .inf}, so SnakeYAML reads the document.
     */
    public static JsonNode readDocument(String document) {
        LoaderOptions options = new LoaderOptions();
        DumperOptions dumper = new DumperOptions();
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new CoreResolver());
        return JSON.valueToTree(yaml.load(document));
    }

    /** SnakeYAML's resolver without YAML 1.1's yes, no, on and off booleans and its timestamps. */
    private static final class CoreResolver extends Resolver {

        private static final Pattern BOOLEAN = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOLEAN, "tTfF");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    /** Reads a shipped JSON Schema from the classpath. */
    public static JsonNode readResource(String fileName) {
        try (InputStream in = JsonSchemaCheck.class.getResourceAsStream(RESOURCE_FOLDER + fileName)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE_FOLDER + fileName + " is not on the classpath; the compiler"
                        + " module's build copies it from the repository's schemas/ folder");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the shipped JSON Schema's bytes. */
    public static byte[] resourceBytes(String fileName) {
        try (InputStream in = JsonSchemaCheck.class.getResourceAsStream(RESOURCE_FOLDER + fileName)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE_FOLDER + fileName + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
