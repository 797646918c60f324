package io.flume.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.flume.schema.SourceValue.Entry;
import io.flume.schema.SourceValue.Mapping;
import io.flume.schema.SourceValue.Scalar;
import io.flume.schema.SourceValue.ScalarKind;
import io.flume.schema.SourceValue.Sequence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON document into a {@link SourceValue} tree with Jackson's streaming parser, keeping
 * the line and column of every value and key. Duplicate keys, content after the document,
 * comments and other extensions of JSON are errors.
 */
final class JsonTreeReader {

    private final String source;
    private final ParserLimits limits;
    private JsonParser parser;

    private JsonTreeReader(String source, ParserLimits limits) {
        this.source = source;
        this.limits = limits;
    }

    /**
     * Reads the document in {@code text}; a blank text gives a null scalar.
     *
     * @throws SchemaParseException on invalid JSON, a duplicate key, or a crossed limit
     */
    static SourceValue read(String text, String source, ParserLimits limits) {
        return new JsonTreeReader(source, limits).readDocument(text);
    }

    private SourceValue readDocument(String text) {
        // Jackson's own depth cap is one level above this reader's, so a user gets this reader's
        // error, which names the limit to raise.
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth() + 1)
                        .build())
                .build();
        try (JsonParser json = factory.createParser(text)) {
            parser = json;
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Scalar(new SourcePosition(source, 1, 1), "", ScalarKind.NULL);
            }

            SourceValue root = readValue(0);
            if (parser.nextToken() != null) {
                throw new SchemaParseException(tokenPosition(), "unexpected content after the end of the JSON"
                        + " document; a schema file holds one JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            SourcePosition at = location == null
                    ? new SourcePosition(source, 1, 1)
                    : new SourcePosition(source, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
            throw new SchemaParseException(at, "invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JSON text of " + source, e);
        }
    }

    /** Reads the value that starts at the current token; {@code depth} is the depth of its container. */
    private SourceValue readValue(int depth) throws IOException {
        SourcePosition at = tokenPosition();
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readObject(at, depth + 1);
            case START_ARRAY -> readArray(at, depth + 1);
            case VALUE_STRING -> new Scalar(at, parser.getText(), ScalarKind.STRING);
            case VALUE_NUMBER_INT -> new Scalar(at, parser.getText(), ScalarKind.INTEGER);
            case VALUE_NUMBER_FLOAT -> new Scalar(at, parser.getText(), ScalarKind.FLOAT);
            case VALUE_TRUE, VALUE_FALSE -> new Scalar(at, parser.getText(), ScalarKind.BOOLEAN);
            case VALUE_NULL -> new Scalar(at, "", ScalarKind.NULL);
            default -> throw new SchemaParseException(at, "unexpected JSON token " + token);
        };
    }

    private Mapping readObject(SourcePosition at, int depth) throws IOException {
        checkDepth(at, depth);
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SourcePosition keyPosition = tokenPosition();
            Entry first = entries.get(key);
            if (first != null) {
                throw new SchemaParseException(keyPosition, "duplicate key '" + key + "' (first at line "
                        + first.keyPosition().line() + ", column " + first.keyPosition().column() + "); remove one of them");
            }
            parser.nextToken();
            entries.put(key, new Entry(key, keyPosition, readValue(depth)));
        }
        return new Mapping(at, new ArrayList<>(entries.values()));
    }

    private Sequence readArray(SourcePosition at, int depth) throws IOException {
        checkDepth(at, depth);
        List<SourceValue> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(depth));
        }
        return new Sequence(at, items);
    }

    private void checkDepth(SourcePosition at, int depth) {
        if (depth > limits.maxNestingDepth()) {
            throw new SchemaParseException(at, limits.nestingTooDeep());
        }
    }

    private SourcePosition tokenPosition() {
        JsonLocation location = parser.currentTokenLocation();
        return new SourcePosition(source, location.getLineNr(), location.getColumnNr());
    }
}
