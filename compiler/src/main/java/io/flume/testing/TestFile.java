package io.flume.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.flume.schema.SourcePosition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code *.flume-test.yaml} file, before its schema, config and components are loaded.
 *
 * @param file the test file as given, for messages
 * @param schema the schema file resolved against the test file's folder, or null to take the config's
 * @param config the config file resolved against the test file's folder, or null
 * @param components the component library's short name or class name, or null to take the config's
 */
record TestFile(Path file, Path schema, SourcePosition schemaPosition, Path config, SourcePosition configPosition,
                String components, SourcePosition componentsPosition, List<Case> cases) {

    /**
     * One case: records piped in, an optional wall-clock advance, and what must come out.
     *
     * @param advance the wall-clock time to advance after the inputs, or null
     * @param streams the expected records by stream name, in the order the file lists them
     * @param deadLetters the expected dead-letter records, or null when the case does not check them
     * @param exact whether values must be equal as a whole rather than contain the expected fields
     * @param strict whether streams not listed, and the dead-letter output when not listed, must receive nothing
     */
    record Case(String name, SourcePosition position, String path, List<Input> inputs, Duration advance,
                Map<String, Expected> streams, List<ExpectedDeadLetter> deadLetters,
                SourcePosition deadLettersPosition, boolean exact, boolean strict) {
    }

    /**
     * One record to pipe in.
     *
     * @param key the key as written, or null for a record without a key
     * @param value the value as written; a JSON null (or no value) pipes a record with a null value
     * @param topic the source topic, or null for the first one
     * @param headers the headers; a null header value is a header without a value
     * @param timestamp the record timestamp, or null for the driver's increasing default
     */
    record Input(JsonNode key, SourcePosition keyPosition, JsonNode value, SourcePosition valuePosition,
                 String topic, SourcePosition topicPosition, Map<String, String> headers, Instant timestamp,
                 SourcePosition position) {
    }

    /** The records one stream must receive, with the position of the stream's name in the file. */
    record Expected(String stream, SourcePosition position, List<ExpectedRecord> records) {
    }

    /**
     * One record a stream must receive.
     *
     * @param key the expected key, or null when the key is not checked
     * @param value the expected value (a subset unless the case is exact), or null when it is not checked
     */
    record ExpectedRecord(JsonNode key, JsonNode value, SourcePosition position) {
    }

    /**
     * One record the dead-letter topic must receive.
     *
     * @param key the expected key, or null when the key is not checked
     * @param error text that {@code flume.error.message} must contain, or null
     * @param node text that {@code flume.error.node} must contain, or null
     * @param value the expected value as the failing node received it, or null when it is not checked
     */
    record ExpectedDeadLetter(JsonNode key, String error, String node, JsonNode value, SourcePosition position) {
    }
}
