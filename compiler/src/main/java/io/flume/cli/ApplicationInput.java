package io.flume.cli;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.flume.ComponentLibraries;
import io.flume.ComponentLibrary;
import io.flume.Flume;
import io.flume.app.FlumeApplication;
import io.flume.compiler.CompileOptions;
import io.flume.config.ConfigException;
import io.flume.config.ConfigLoader;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConfigKeys;
import io.flume.schema.Schema;
import io.flume.schema.SchemaFields;
import io.flume.schema.SchemaParseException;
import io.flume.schema.SchemaParser;
import io.flume.validation.ComponentCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The application a verb works on, given as one file: an application config (such as
 * {@code flume.yaml}, which names its schema and component library), or a schema file whose
 * component library {@code --components} names. {@code --components} also overrides a config's
 * library.
 *
 * <p>A file is a config when its top-level keys include {@code application-id}, {@code schema} or
 * {@code source} and none of the schema's {@code ref}, {@code type} or {@code stream}.
 */
final class ApplicationInput {

    /** How much of a file is read to tell a config from a schema; both are far smaller. */
    private static final int MAX_SNIFFED_BYTES = 1024 * 1024;
    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private final Path file;
    private final AppConfig config;
    private final Path schemaFile;
    private final String components;

    private ApplicationInput(Path file, AppConfig config, Path schemaFile, String components) {
        this.file = file;
        this.config = config;
        this.schemaFile = schemaFile;
        this.components = components;
    }

    /**
     * Opens {@code file} as a config or a schema.
     *
     * @param componentsOption the {@code --components} value, or null
     * @throws CommandFailedException when the file cannot be read, or a config names no schema
     * @throws ConfigException when the file is a config with problems
     */
    static ApplicationInput open(Path file, String componentsOption) {
        if (!Files.isRegularFile(file)) {
            throw CommandFailedException.unusable(file + ": " + (Files.exists(file) ? "not a file" : "file not found"));
        }
        if (!isConfig(file)) {
            return new ApplicationInput(file, null, file, componentsOption);
        }
        AppConfig config = ConfigLoader.load(file);
        Path schema = config.schema().orElseThrow(() -> CommandFailedException.unusable(file + ": the config names no "
                + ConfigKeys.SCHEMA + "; add 'schema: pipeline.yaml' (relative to the config) or pass the schema file instead"));
        String components = componentsOption != null ? componentsOption : config.components().orElse(null);
        return new ApplicationInput(file, config, display(schema), components);
    }

    /** Returns the file as the user gave it. */
    Path file() {
        return file;
    }

    Optional<AppConfig> config() {
        return Optional.ofNullable(config);
    }

    /** Returns the schema file, relative to the working folder when it lies inside it. */
    Path schemaFile() {
        return schemaFile;
    }

    /**
     * Parses the schema.
     *
     * @throws CommandFailedException when the schema file cannot be read
     * @throws SchemaParseException when it is not a readable schema document
     */
    Schema parseSchema() {
        try {
            return SchemaParser.parse(schemaFile);
        } catch (NoSuchFileException e) {
            throw CommandFailedException.unusable(schemaFile + ": schema file not found"
                    + (config != null ? " (named by " + file + ")" : ""));
        } catch (IOException e) {
            throw CommandFailedException.unusable(schemaFile + ": failed to read the schema file: " + e);
        }
    }

    /** Returns true when a component library is named, by {@code --components} or the config. */
    boolean hasComponents() {
        return components != null;
    }

    /**
     * Finds the component library.
     *
     * @throws CommandFailedException when none is named or the name matches no library
     */
    ComponentLibrary library() {
        if (components == null) {
            throw CommandFailedException.unusable(file + ": no component library; pass --components NAME "
                    + "(a library's short name or class name)" + (config != null ? " or set 'components' in the config" : ""));
        }
        try {
            return ComponentLibraries.find(components);
        } catch (IllegalArgumentException e) {
            throw CommandFailedException.unusable(e.getMessage());
        }
    }

    /**
     * Finds the component library and creates its components.
     *
     * @throws CommandFailedException when no library is named, none matches, or creating the components fails
     */
    Flume<?> createComponents() {
        ComponentLibrary library = library();
        try {
            return library.create();
        } catch (RuntimeException e) {
            throw CommandFailedException.unusable("component library '" + library.name()
                    + "' failed to create its components: " + e);
        }
    }

    /**
     * Returns the catalog to validate against: {@code components}, restricted to the stream names
     * the config declares when it lists streams, as {@code flume run} validates.
     */
    ComponentCatalog catalog(ComponentCatalog components) {
        return config == null ? components : FlumeApplication.catalogOf(config, components);
    }

    /** Returns the compile options the config sets, or the defaults for a schema without a config. */
    CompileOptions compileOptions() {
        return config == null ? CompileOptions.defaults() : CompileOptions.builder(config).build();
    }

    /**
     * Tells a config from a schema by its top-level keys. A file that does not parse counts as a
     * schema, so that the schema parser reports the syntax error with its position.
     */
    static boolean isConfig(Path file) {
        Set<String> keys = new HashSet<>();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAX_SNIFFED_BYTES);
            try (YAMLParser parser = YAML.createParser(head)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return false;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    keys.add(parser.currentName());
                    parser.nextToken();
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            // An unreadable file or invalid YAML: the schema parser gives the better message.
        }
        boolean schemaKeys = keys.contains(SchemaFields.REF) || keys.contains(SchemaFields.TYPE) || keys.contains(SchemaFields.STREAM);
        boolean configKeys = keys.contains(ConfigKeys.APPLICATION_ID) || keys.contains(ConfigKeys.SCHEMA)
                || keys.contains(ConfigKeys.SOURCE);
        return configKeys && !schemaKeys;
    }

    /** Returns {@code path} relative to the working folder when it lies inside it, for shorter messages. */
    static Path display(Path path) {
        Path workingFolder = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(workingFolder) ? workingFolder.relativize(absolute) : absolute;
    }
}
