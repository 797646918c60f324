package io.flume.testing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.flume.schema.SourcePosition;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML or JSON document read into a Jackson tree, with the source position of every value and
 * every mapping key, addressed by JSON pointer. Values keep their YAML types, so that
 * {@code total: 1500} is a number and {@code key: "30001"} a string.
 *
 * <p>Test files are written by developers, but they are still read with limits: no tags, no
 * aliases, at most {@link #MAX_DEPTH} levels of nesting, one document per file.
 */
final class PositionedYaml {

    static final int MAX_DEPTH = 64;

    /**
     * Reads YAML 1.2 style: an empty plain value ({@code key:}) is null, and only {@code true} and
     * {@code false} are booleans, so that {@code alert: yes} stays the text "yes".
     */
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String file;
    private final YAMLParser parser;
    private final Map<JsonPointer, SourcePosition> valuePositions = new HashMap<>();
    private final Map<JsonPointer, SourcePosition> keyPositions = new HashMap<>();

    /** Thrown for text that is not a readable document; the message starts with {@code FILE:LINE:COLUMN: }. */
    static final class ReadException extends Exception {
        ReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The document's tree and the positions of its values and keys. */
    record Document(String file, JsonNode root, Map<JsonPointer, SourcePosition> valuePositions,
                    Map<JsonPointer, SourcePosition> keyPositions) {

        /** Returns the position of the value at {@code pointer}, else of its nearest ancestor. */
        SourcePosition positionOf(JsonPointer pointer) {
            for (JsonPointer at = pointer; at != null; at = at.head()) {
                SourcePosition position = valuePositions.get(at);
                if (position != null) {
                    return position;
                }
            }
            return new SourcePosition(file, 1, 1);
        }

        /** Returns the position of the key that leads to {@code pointer}, else of the value. */
        SourcePosition keyPositionOf(JsonPointer pointer) {
            SourcePosition key = keyPositions.get(pointer);
            return key != null ? key : positionOf(pointer);
        }
    }

    private PositionedYaml(String file, YAMLParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /**
     * Reads the single document in {@code text}; an empty document reads as a null root.
     *
     * @param file the file name that positions carry
     */
    static Document read(String file, String text) throws ReadException {
        try (YAMLParser parser = FACTORY.createParser(text)) {
            PositionedYaml reader = new PositionedYaml(file, parser);
            if (parser.nextToken() == null) {
                return new Document(file, null, Map.of(), Map.of());
            }
            JsonNode root = reader.readValue(JsonPointer.empty(), 0);
            if (parser.nextToken() != null) {
                throw new ReadException(reader.position() + ": a test file contains only one YAML document; "
                        + "remove the second '---' section or move it to a file of its own", null);
            }
            return new Document(file, root, Map.copyOf(reader.valuePositions), Map.copyOf(reader.keyPositions));
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            SourcePosition position = location == null
                    ? new SourcePosition(file, 1, 1)
                    : new SourcePosition(file, location.getLineNr(), location.getColumnNr());
            throw new ReadException(position + ": invalid YAML: " + oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ReadException(file + ": failed to read: " + e.getMessage(), e);
        }
    }

    /** Joins SnakeYAML's multi-line message into one line without the source snippet it quotes. */
    private static String oneLine(String message) {
        return message.lines()
                .filter(line -> !line.isBlank() && !line.startsWith(" ") && !line.startsWith("in '"))
                .map(String::strip)
                .reduce((first, second) -> first + "; " + second)
                .orElse(message);
    }

    private JsonNode readValue(JsonPointer pointer, int depth) throws IOException, ReadException {
        SourcePosition position = position();
        valuePositions.put(pointer, position);
        if (depth > MAX_DEPTH) {
            throw new ReadException(position + ": nesting deeper than " + MAX_DEPTH + " levels is not allowed in a test file", null);
        }
        if (parser.isCurrentAlias()) {
            throw new ReadException(position + ": YAML aliases (*" + parser.getText() + ") are not supported in test files; "
                    + "write the value out", null);
        }
        String tag = parser.getTypeId();
        if (tag != null) {
            throw new ReadException(position + ": YAML tags (" + tag + ") are not supported in test files; remove the tag", null);
        }

        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readObject(pointer, depth);
            case START_ARRAY -> readArray(pointer, depth);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> integer();
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            default -> throw new ReadException(position + ": unexpected YAML content " + token, null);
        };
    }

    private JsonNode integer() throws IOException {
        JsonParser.NumberType type = parser.getNumberType();
        return switch (type) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
        };
    }

    private ObjectNode readObject(JsonPointer pointer, int depth) throws IOException, ReadException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SourcePosition keyPosition = position();
            JsonPointer child = pointer.appendProperty(key);
            if (object.has(key)) {
                throw new ReadException(keyPosition + ": duplicate key '" + key + "', first given at line "
                        + keyPositions.get(child).line() + "; keep one of them", null);
            }
            keyPositions.put(child, keyPosition);
            parser.nextToken();
            object.set(key, readValue(child, depth + 1));
        }
        return object;
    }

    private ArrayNode readArray(JsonPointer pointer, int depth) throws IOException, ReadException {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue(pointer.appendIndex(array.size()), depth + 1));
        }
        return array;
    }

    private SourcePosition position() {
        JsonLocation location = parser.currentTokenLocation();
        return new SourcePosition(file, location.getLineNr(), location.getColumnNr());
    }
}
