package io.flume.testing;

import io.flume.ComponentLibraries;
import io.flume.ComponentLibrary;
import io.flume.Flume;
import io.flume.app.FlumeApplication;
import io.flume.compiler.CompileException;
import io.flume.compiler.CompiledTopology;
import io.flume.compiler.TopologyCompiler;
import io.flume.config.ConfigException;
import io.flume.config.ConfigLoader;
import io.flume.config.ValueSerdeCheck;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConfigKeys;
import io.flume.runtime.config.KeySerde;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParseException;
import io.flume.schema.SchemaParser;
import io.flume.schema.SourcePosition;
import io.flume.validation.ComponentCatalog;
import io.flume.validation.DidYouMean;
import io.flume.validation.Problem;
import io.flume.validation.ValidationReport;
import io.flume.validation.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns a parsed test file into a {@link PreparedFile}: loads its config, schema and component
 * library, validates and compiles the schema, checks the streams and topics the cases name, and
 * converts every input. Any problem makes the file invalid; all of them are reported at once
 * where the steps allow it.
 */
final class TestFilePreparer {

    private final TestFile testFile;
    private final String fileName;
    private final List<String> problems = new ArrayList<>();

    private TestFilePreparer(TestFile testFile) {
        this.testFile = testFile;
        this.fileName = testFile.file().toString();
    }

    /**
     * Prepares {@code testFile}.
     *
     * @throws InvalidTestFileException listing what stops the file from running
     */
    static PreparedFile<?> prepare(TestFile testFile) {
        return new TestFilePreparer(testFile).prepare();
    }

    private PreparedFile<?> prepare() {
        AppConfig config = loadConfig();
        Schema schema = loadSchema(config);
        ComponentLibrary library = findLibrary(config);
        failOnProblems();

        Flume<?> flume;
        try {
            flume = library.create();
        } catch (RuntimeException e) {
            throw invalid(at(testFile.componentsPosition()) + "component library '" + library.name()
                    + "' failed to create its components: " + e);
        }
        return prepare(schema, library, flume, config);
    }

    private <T> PreparedFile<T> prepare(Schema schema, ComponentLibrary library, Flume<T> flume, AppConfig config) {
        if (config != null) {
            List<String> serdeProblems = ValueSerdeCheck.problems(config, flume.valueType(), "component library '" + library.name() + "'");
            if (!serdeProblems.isEmpty()) {
                problems.add(at(testFile.configPosition()) + "config " + testFile.config() + " is invalid:");
                problems.addAll(serdeProblems);
            }
        }
        List<String> warnings = validate(schema, config == null ? flume : FlumeApplication.catalogOf(config, flume));
        failOnProblems();

        CompiledTopology<T> compiled = compile(schema, flume, config);
        KeySerde keySerde = config == null ? ConfigKeys.DEFAULT_KEY_SERDE : config.source().keySerde();
        RecordCodec<T> codec = new RecordCodec<>(flume.valueType(), compiled.valueSerde(), keySerde);
        Map<String, List<PreparedFile.PipedRecord<T>>> inputs = convertCases(compiled, codec);
        failOnProblems();

        return new PreparedFile<>(testFile, schema, library, config, codec, inputs, warnings);
    }

    private AppConfig loadConfig() {
        if (testFile.config() == null) {
            return null;
        }
        try {
            return ConfigLoader.load(testFile.config());
        } catch (ConfigException e) {
            problems.add(at(testFile.configPosition()) + "config " + testFile.config() + " is invalid:");
            problems.addAll(e.problems());
            return null;
        }
    }

    private Schema loadSchema(AppConfig config) {
        Path schemaFile = testFile.schema();
        SourcePosition position = testFile.schemaPosition();
        if (schemaFile == null && config != null) {
            schemaFile = config.schema().map(TestFilePreparer::display).orElse(null);
            position = testFile.configPosition();
        }
        if (schemaFile == null) {
            if (testFile.config() == null || config != null) {
                problems.add(at(position) + "no schema: name one with '" + TestFileParser.SCHEMA
                        + "', relative to this file, or in the config");
            }
            return null;
        }
        try {
            return SchemaParser.parse(schemaFile);
        } catch (NoSuchFileException e) {
            problems.add(at(position) + "schema file " + schemaFile + " not found; paths are relative to the test file");
        } catch (IOException e) {
            problems.add(at(position) + "failed to read schema file " + schemaFile + ": " + e);
        } catch (SchemaParseException e) {
            problems.add(e.getMessage());
        }
        return null;
    }

    private ComponentLibrary findLibrary(AppConfig config) {
        String name = testFile.components();
        SourcePosition position = testFile.componentsPosition();
        if (name == null && config != null) {
            name = config.components().orElse(null);
            position = testFile.configPosition();
        }
        if (name == null) {
            if (testFile.config() == null || config != null) {
                problems.add(at(position) + "no component library: name one with '" + TestFileParser.COMPONENTS
                        + "' (its short name or class name) or in the config");
            }
            return null;
        }
        try {
            return ComponentLibraries.find(name);
        } catch (IllegalArgumentException e) {
            problems.add(at(position) + e.getMessage());
            return null;
        }
    }

    private List<String> validate(Schema schema, ComponentCatalog catalog) {
        ValidationReport report = new Validator().validate(schema, catalog);
        List<Problem> errors = report.errors();
        if (!errors.isEmpty()) {
            problems.add(at(testFile.schemaPosition()) + "schema " + schema.source() + " has "
                    + (errors.size() == 1 ? "1 validation error:" : errors.size() + " validation errors:"));
            errors.forEach(error -> problems.add(error.toString()));
        }
        return report.warnings().stream().map(Problem::toString).toList();
    }

    private <T> CompiledTopology<T> compile(Schema schema, Flume<T> flume, AppConfig config) {
        try {
            return TopologyCompiler.compile(schema, flume, PreparedFile.options(config));
        } catch (CompileException e) {
            List<String> lines = new ArrayList<>();
            lines.add(at(testFile.schemaPosition()) + "schema " + schema.source() + " does not compile:");
            lines.addAll(e.problems());
            throw new InvalidTestFileException(fileName, lines);
        } catch (RuntimeException e) {
            throw invalid(at(testFile.schemaPosition()) + "schema " + schema.source() + " does not compile: " + e);
        }
    }

    /** Checks that every stream a case expects is one the topology writes to a topic. */
    private void checkStreams(TestFile.Case testCase, CompiledTopology<?> compiled) {
        Set<String> streams = new TreeSet<>(compiled.streamTopics().keySet());
        for (TestFile.Expected expected : testCase.streams().values()) {
            String stream = expected.stream();
            String path = testCase.path() + "." + TestFileParser.EXPECT + "." + TestFileParser.STREAMS + "." + stream;
            if (streams.contains(stream)) {
                continue;
            }
            if (compiled.directChannels().containsKey(stream)) {
                problems.add(at(expected.position()) + path + ": stream '" + stream
                        + "' goes to a direct channel, which has no topic for a test to read; "
                        + "test it through the channel in a JUnit test instead");
            } else {
                problems.add(at(expected.position()) + path + ": the schema has no stream '" + stream + "'"
                        + DidYouMean.suffix(stream, streams) + "; its streams are "
                        + (streams.isEmpty() ? "none" : String.join(", ", streams)));
            }
        }
    }

    /** Converts each case's inputs and checks its streams, case by case so that problems come in file order. */
    private <T> Map<String, List<PreparedFile.PipedRecord<T>>> convertCases(CompiledTopology<T> compiled, RecordCodec<T> codec) {
        Map<String, List<PreparedFile.PipedRecord<T>>> result = new LinkedHashMap<>();
        for (TestFile.Case testCase : testFile.cases()) {
            List<PreparedFile.PipedRecord<T>> records = new ArrayList<>();
            for (int i = 0; i < testCase.inputs().size(); i++) {
                String path = testCase.path() + "." + TestFileParser.INPUT + "[" + i + "]";
                PreparedFile.PipedRecord<T> record = convert(testCase.inputs().get(i), path, codec, compiled.sourceTopics());
                if (record != null) {
                    records.add(record);
                }
            }
            checkStreams(testCase, compiled);
            result.put(testCase.name(), records);
        }
        return result;
    }

    private <T> PreparedFile.PipedRecord<T> convert(TestFile.Input input, String path, RecordCodec<T> codec,
                                                    List<String> sourceTopics) {
        String topic = input.topic() != null ? input.topic() : sourceTopics.get(0);
        boolean valid = true;
        if (!sourceTopics.contains(topic)) {
            problems.add(at(input.topicPosition()) + path + "." + TestFileParser.TOPIC + ": topic '" + topic + "' is not a source topic of the application"
                    + DidYouMean.suffix(topic, sourceTopics) + "; its source topics are " + String.join(", ", sourceTopics));
            valid = false;
        }
        Object key = null;
        try {
            key = codec.toKey(input.key());
        } catch (IllegalArgumentException e) {
            problems.add(at(input.keyPosition()) + path + "." + TestFileParser.KEY + ": " + e.getMessage());
            valid = false;
        }
        T value = null;
        try {
            value = codec.toValue(input.value());
        } catch (IllegalArgumentException e) {
            problems.add(at(input.valuePosition()) + path + "." + TestFileParser.VALUE + ": " + e.getMessage());
            valid = false;
        }
        if (!valid) {
            return null;
        }
        RecordHeaders headers = new RecordHeaders();
        input.headers().forEach((name, text) -> headers.add(name, text == null ? null : text.getBytes(StandardCharsets.UTF_8)));
        return new PreparedFile.PipedRecord<>(topic, key, value, headers, input.timestamp(), input.position().line());
    }

    private void failOnProblems() {
        if (!problems.isEmpty()) {
            throw new InvalidTestFileException(fileName, problems);
        }
    }

    private InvalidTestFileException invalid(String problem) {
        problems.add(problem);
        return new InvalidTestFileException(fileName, problems);
    }

    private String at(SourcePosition position) {
        return (position == null ? fileName : position.toString()) + ": ";
    }

    /** Returns {@code path} relative to the working folder when it lies inside it, for shorter messages. */
    static Path display(Path path) {
        Path workingFolder = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(workingFolder) ? workingFolder.relativize(absolute) : absolute;
    }
}
