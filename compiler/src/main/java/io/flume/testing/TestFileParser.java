package io.flume.testing;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.flume.runtime.time.GoDuration;
import io.flume.schema.SourcePosition;
import io.flume.validation.DidYouMean;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code *.flume-test.yaml} file into a {@link TestFile}, reporting every problem at once,
 * each as {@code FILE:LINE:COLUMN: PATH: message}.
 */
final class TestFileParser {

    /** The largest test file read; inputs copied from real data make test files longer than schemas. */
    static final int MAX_FILE_BYTES = 8 * 1024 * 1024;

    static final String SCHEMA = "schema";
    static final String CONFIG = "config";
    static final String COMPONENTS = "components";
    static final String CASES = "cases";

    static final String NAME = "name";
    static final String INPUT = "input";
    static final String ADVANCE = "advance";
    static final String EXPECT = "expect";
    static final String EXACT = "exact";
    static final String STRICT = "strict";

    static final String KEY = "key";
    static final String VALUE = "value";
    static final String TOPIC = "topic";
    static final String HEADERS = "headers";
    static final String TIMESTAMP = "timestamp";

    static final String STREAMS = "streams";
    static final String DEAD_LETTER = "dead-letter";
    static final String ERROR = "error";
    static final String NODE = "node";

    static final List<String> FILE_KEYS = List.of(SCHEMA, CONFIG, COMPONENTS, CASES);
    static final List<String> CASE_KEYS = List.of(NAME, INPUT, ADVANCE, EXPECT, EXACT, STRICT);
    static final List<String> INPUT_KEYS = List.of(KEY, VALUE, TOPIC, HEADERS, TIMESTAMP);
    static final List<String> EXPECT_KEYS = List.of(STREAMS, DEAD_LETTER);
    static final List<String> RECORD_KEYS = List.of(KEY, VALUE);
    static final List<String> DEAD_LETTER_KEYS = List.of(KEY, ERROR, NODE, VALUE);

    /** A value of the document with where it sits: its JSON pointer and its readable path. */
    private record Cursor(JsonNode node, JsonPointer pointer, String path) {

        Cursor field(String key) {
            return new Cursor(node.get(key), pointer.appendProperty(key), path.isEmpty() ? key : path + "." + key);
        }

        Cursor item(int index) {
            return new Cursor(node.get(index), pointer.appendIndex(index), path + "[" + index + "]");
        }

        boolean has(String key) {
            return node.has(key);
        }
    }

    private final Path file;
    private final String fileName;
    private final List<String> problems = new ArrayList<>();
    private PositionedYaml.Document document;

    private TestFileParser(Path file) {
        this.file = file;
        this.fileName = file.toString();
    }

    /**
     * Parses {@code file}.
     *
     * @throws IOException when the file cannot be read
     * @throws InvalidTestFileException listing every problem of the file
     */
    static TestFile parse(Path file) throws IOException {
        return new TestFileParser(file).read(readText(file));
    }

    /** Parses {@code text} as if it were the content of {@code file}; for tests. */
    static TestFile parse(Path file, String text) {
        return new TestFileParser(file).read(text);
    }

    private static String readText(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new InvalidTestFileException(file.toString(), List.of(file + ": the file is larger than "
                    + MAX_FILE_BYTES + " bytes, the limit for a test file; split its cases over several files"));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private TestFile read(String text) {
        try {
            document = PositionedYaml.read(fileName, text);
        } catch (PositionedYaml.ReadException e) {
            throw new InvalidTestFileException(fileName, List.of(e.getMessage()));
        }
        Cursor root = new Cursor(document.root(), JsonPointer.empty(), "");
        if (root.node() == null || !root.node().isObject()) {
            String found = root.node() == null ? "an empty document" : describe(root.node());
            throw new InvalidTestFileException(fileName, List.of(position(root) + ": a test file is a mapping with "
                    + SCHEMA + ", " + CASES + " and optionally " + CONFIG + " and " + COMPONENTS + ", but this is " + found));
        }

        checkKeys(root, FILE_KEYS);
        String schema = string(root, SCHEMA);
        String config = string(root, CONFIG);
        String components = string(root, COMPONENTS);
        if (!root.has(SCHEMA) && !root.has(CONFIG)) {
            problem(root, "missing '" + SCHEMA + "': name the schema file, relative to this file");
        }
        List<TestFile.Case> cases = cases(root);

        if (!problems.isEmpty()) {
            throw new InvalidTestFileException(fileName, problems);
        }
        return new TestFile(file, resolve(schema), keyPosition(root.field(SCHEMA)), resolve(config),
                keyPosition(root.field(CONFIG)), components, position(root.field(COMPONENTS)), cases);
    }

    /**
     * Resolves {@code relative} against the test file's folder, keeping a relative test path
     * relative so that messages stay short.
     */
    private Path resolve(String relative) {
        if (relative == null) {
            return null;
        }
        Path folder = file.getParent();
        return (folder != null ? folder.resolve(relative) : Path.of(relative)).normalize();
    }

    private List<TestFile.Case> cases(Cursor root) {
        if (!root.has(CASES)) {
            problem(root, "missing '" + CASES + "': list at least one case with a " + NAME + ", an " + INPUT
                    + " and an " + EXPECT);
            return List.of();
        }
        Cursor cases = root.field(CASES);
        if (!cases.node().isArray() || cases.node().isEmpty()) {
            problem(cases, "'" + CASES + "' must be a list of at least one case, but is " + describe(cases.node()));
            return List.of();
        }
        List<TestFile.Case> result = new ArrayList<>();
        Map<String, SourcePosition> names = new LinkedHashMap<>();
        for (int i = 0; i < cases.node().size(); i++) {
            TestFile.Case parsed = testCase(cases.item(i));
            if (parsed == null) {
                continue;
            }
            SourcePosition first = names.putIfAbsent(parsed.name(), parsed.position());
            if (first != null) {
                problem(cases.item(i).field(NAME), "case name '" + parsed.name() + "' is used twice (first at line "
                        + first.line() + "); give each case a name of its own");
            }
            result.add(parsed);
        }
        return result;
    }

    private TestFile.Case testCase(Cursor at) {
        if (!isMapping(at, "a case")) {
            return null;
        }
        checkKeys(at, CASE_KEYS);
        String name = string(at, NAME);
        if (name == null && !at.has(NAME)) {
            problem(at, "missing '" + NAME + "': every case needs a name, which the output and JUnit show");
        }
        if (name != null && name.isBlank()) {
            problem(at.field(NAME), "the case name is blank; describe what the case checks");
        }
        List<TestFile.Input> inputs = inputs(at);
        Duration advance = advance(at);
        boolean exact = flag(at, EXACT);
        boolean strict = flag(at, STRICT);

        Map<String, TestFile.Expected> streams = new LinkedHashMap<>();
        List<TestFile.ExpectedDeadLetter> deadLetters = null;
        SourcePosition deadLettersPosition = null;
        if (at.has(EXPECT)) {
            Cursor expect = at.field(EXPECT);
            if (isMapping(expect, "'" + EXPECT + "'")) {
                checkKeys(expect, EXPECT_KEYS);
                streams = streams(expect);
                deadLetters = deadLetters(expect);
                deadLettersPosition = keyPosition(expect.field(DEAD_LETTER));
            }
        } else if (!strict) {
            problem(at, "missing '" + EXPECT + "': list what the streams or the dead-letter topic must receive, "
                    + "or set '" + STRICT + ": true' to check that nothing is sent");
        }
        return name == null ? null : new TestFile.Case(name, position(at), at.path(), inputs, advance, streams,
                deadLetters, deadLettersPosition, exact, strict);
    }

    private List<TestFile.Input> inputs(Cursor testCase) {
        if (!testCase.has(INPUT)) {
            return List.of();
        }
        Cursor list = testCase.field(INPUT);
        if (!isList(list)) {
            return List.of();
        }
        List<TestFile.Input> inputs = new ArrayList<>();
        for (int i = 0; i < list.node().size(); i++) {
            Cursor item = list.item(i);
            if (!isMapping(item, "an input record")) {
                continue;
            }
            checkKeys(item, INPUT_KEYS);
            JsonNode key = scalarKey(item);
            String topic = string(item, TOPIC);
            Map<String, String> headers = headers(item);
            Instant timestamp = timestamp(item);
            JsonNode value = item.has(VALUE) ? item.node().get(VALUE) : null;
            inputs.add(new TestFile.Input(key, position(item.field(KEY)), value, position(item.field(VALUE)), topic,
                    position(item.field(TOPIC)), headers, timestamp, position(item)));
        }
        return inputs;
    }

    private Map<String, String> headers(Cursor input) {
        if (!input.has(HEADERS)) {
            return Map.of();
        }
        Cursor headers = input.field(HEADERS);
        if (!isMapping(headers, "'" + HEADERS + "'")) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        Iterator<String> names = headers.node().fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode value = headers.node().get(name);
            if (value.isContainerNode()) {
                problem(headers.field(name), "header '" + name + "' must be text, but is " + describe(value));
                continue;
            }
            result.put(name, value.isNull() ? null : value.asText());
        }
        return result;
    }

    private Instant timestamp(Cursor input) {
        if (!input.has(TIMESTAMP)) {
            return null;
        }
        Cursor at = input.field(TIMESTAMP);
        JsonNode node = at.node();
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
            return Instant.ofEpochMilli(node.asLong());
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.asText());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        problem(at, "invalid timestamp " + describe(node) + ": write milliseconds since the epoch, such as "
                + "1767225600000, or an ISO-8601 instant, such as 2026-01-01T00:00:00Z");
        return null;
    }

    private Duration advance(Cursor testCase) {
        if (!testCase.has(ADVANCE)) {
            return null;
        }
        Cursor at = testCase.field(ADVANCE);
        if (!at.node().isTextual()) {
            problem(at, "'" + ADVANCE + "' must be a duration such as 30s or 1m30s, but is " + describe(at.node()));
            return null;
        }
        try {
            Duration duration = GoDuration.parse(at.node().asText());
            if (duration.isNegative() || duration.isZero()) {
                problem(at, "'" + ADVANCE + "' must be positive, but is " + at.node().asText());
                return null;
            }
            return duration;
        } catch (IllegalArgumentException e) {
            problem(at, "invalid '" + ADVANCE + "': " + e.getMessage());
            return null;
        }
    }

    private Map<String, TestFile.Expected> streams(Cursor expect) {
        Map<String, TestFile.Expected> result = new LinkedHashMap<>();
        if (!expect.has(STREAMS)) {
            return result;
        }
        Cursor streams = expect.field(STREAMS);
        if (!isMapping(streams, "'" + STREAMS + "' (stream names with the records each must receive)")) {
            return result;
        }
        Iterator<String> names = streams.node().fieldNames();
        while (names.hasNext()) {
            String stream = names.next();
            Cursor records = streams.field(stream);
            if (records.node().isNull()) {
                problems.add(keyPosition(records) + ": " + records.path() + ": stream '" + stream
                        + "' has no records listed; write [] to expect that it receives nothing");
                continue;
            }
            if (!isList(records)) {
                continue;
            }
            List<TestFile.ExpectedRecord> expected = new ArrayList<>();
            for (int i = 0; i < records.node().size(); i++) {
                Cursor item = records.item(i);
                if (!isMapping(item, "an expected record (with key and value)")) {
                    continue;
                }
                checkKeys(item, RECORD_KEYS);
                expected.add(new TestFile.ExpectedRecord(scalarKey(item), item.node().get(VALUE), position(item)));
            }
            result.put(stream, new TestFile.Expected(stream, keyPosition(records), expected));
        }
        return result;
    }

    private List<TestFile.ExpectedDeadLetter> deadLetters(Cursor expect) {
        if (!expect.has(DEAD_LETTER)) {
            return null;
        }
        Cursor list = expect.field(DEAD_LETTER);
        if (!isList(list)) {
            return null;
        }
        List<TestFile.ExpectedDeadLetter> result = new ArrayList<>();
        for (int i = 0; i < list.node().size(); i++) {
            Cursor item = list.item(i);
            if (!isMapping(item, "an expected dead-letter record (with key, error, node and value)")) {
                continue;
            }
            checkKeys(item, DEAD_LETTER_KEYS);
            result.add(new TestFile.ExpectedDeadLetter(scalarKey(item), scalarText(item, ERROR), scalarText(item, NODE),
                    item.node().get(VALUE), position(item)));
        }
        return result;
    }

    // Field readers: each reports a value of the wrong shape and returns null for it.

    private JsonNode scalarKey(Cursor record) {
        if (!record.has(KEY)) {
            return null;
        }
        JsonNode key = record.node().get(KEY);
        if (key.isContainerNode()) {
            problem(record.field(KEY), "a key is text or a number, but this is " + describe(key));
            return null;
        }
        return key;
    }

    private String string(Cursor mapping, String field) {
        if (!mapping.has(field)) {
            return null;
        }
        JsonNode value = mapping.node().get(field);
        if (!value.isTextual()) {
            problem(mapping.field(field), "'" + field + "' must be text, but is " + describe(value));
            return null;
        }
        return value.asText();
    }

    /** Reads a scalar as text, so that {@code error: 404} matches the message text "404". */
    private String scalarText(Cursor mapping, String field) {
        if (!mapping.has(field)) {
            return null;
        }
        JsonNode value = mapping.node().get(field);
        if (value.isContainerNode() || value.isNull()) {
            problem(mapping.field(field), "'" + field + "' must be text, but is " + describe(value));
            return null;
        }
        return value.asText();
    }

    private boolean flag(Cursor mapping, String field) {
        if (!mapping.has(field)) {
            return false;
        }
        JsonNode value = mapping.node().get(field);
        if (!value.isBoolean()) {
            problem(mapping.field(field), "'" + field + "' must be true or false, but is " + describe(value));
            return false;
        }
        return value.asBoolean();
    }

    private boolean isMapping(Cursor at, String what) {
        if (at.node().isObject()) {
            return true;
        }
        problem(at, "expected " + what + " as a mapping, but found " + describe(at.node()));
        return false;
    }

    private boolean isList(Cursor at) {
        if (at.node().isArray()) {
            return true;
        }
        problem(at, "expected a list, but found " + describe(at.node()));
        return false;
    }

    private void checkKeys(Cursor mapping, List<String> known) {
        Iterator<String> keys = mapping.node().fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!known.contains(key)) {
                Cursor field = mapping.field(key);
                problems.add(keyPosition(field) + ": " + field.path() + ": unknown key '" + key + "'"
                        + DidYouMean.suffix(key, known) + "; the keys here are " + String.join(", ", known));
            }
        }
    }

    private void problem(Cursor at, String message) {
        problems.add(position(at) + ": " + (at.path().isEmpty() ? "" : at.path() + ": ") + message);
    }

    private SourcePosition position(Cursor at) {
        return document.positionOf(at.pointer());
    }

    private SourcePosition keyPosition(Cursor at) {
        return document.keyPositionOf(at.pointer());
    }

    /** Describes a value for messages, such as {@code a list} or {@code the number 3}. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNull()) {
            return "an empty value";
        }
        if (node.isTextual()) {
            return "the text '" + node.asText() + "'";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        return "the value " + node.asText();
    }
}
