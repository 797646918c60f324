package io.flume.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.flume.schema.SourcePosition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML or JSON document read into maps, lists and scalars that remember their line and column,
 * so that every config problem can point at the text it is about.
 *
 * <p>Reading is safe for untrusted files: tags, which could ask for a type, and aliases, which
 * could multiply a document, are rejected, and nesting is capped at {@link #MAX_DEPTH}.
 */
final class YamlTree {

    static final int MAX_DEPTH = 32;

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    /** A node of the tree. */
    sealed interface Node permits MapNode, ListNode, Scalar {
        SourcePosition position();

        /** Returns what the node is, for "expected X, got Y" messages. */
        String kind();
    }

    /** One key of a map with the position of the key itself. */
    record Entry(String key, SourcePosition keyPosition, Node value) {
    }

    record MapNode(Map<String, Entry> entries, SourcePosition position) implements Node {
        @Override
        public String kind() {
            return "a map";
        }
    }

    record ListNode(List<Node> items, SourcePosition position) implements Node {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar as written; {@code text} is null for an empty value or {@code null}. */
    record Scalar(String text, SourcePosition position) implements Node {
        @Override
        public String kind() {
            return text == null ? "an empty value" : "'" + text + "'";
        }
    }

    /** Thrown for text that is not a readable document; the message starts with its position. */
    static final class ReadException extends Exception {
        ReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String file;
    private final YAMLParser parser;

    private YamlTree(String file, YAMLParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /**
     * Reads the single document in {@code text}. Returns null for an empty document.
     *
     * @param file the file name that positions carry
     */
    static Node read(String file, String text) throws ReadException {
        try (YAMLParser parser = FACTORY.createParser(text)) {
            YamlTree tree = new YamlTree(file, parser);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            Node root = tree.readValue(0);
            if (parser.nextToken() != null) {
                throw new ReadException(tree.position() + ": only one YAML document is allowed in a config file; "
                        + "remove the second '---' section", null);
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            SourcePosition position = location == null
                    ? new SourcePosition(file, 0, 0)
                    : new SourcePosition(file, location.getLineNr(), location.getColumnNr());
            throw new ReadException(position + ": invalid YAML: " + oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ReadException(file + ": failed to read: " + e.getMessage(), e);
        }
    }

    /**
     * Joins the parser's multi-line message into one line, without the quoted source snippet, the
     * caret under it and the "in 'reader', line N" lines, because the position is already given.
     */
    private static String oneLine(String message) {
        return message.lines()
                .filter(line -> !line.isBlank() && !line.startsWith(" ") && !line.startsWith("in '"))
                .map(String::strip)
                .reduce((first, second) -> first + "; " + second)
                .orElse(message);
    }

    private Node readValue(int depth) throws IOException, ReadException {
        SourcePosition position = position();
        if (depth > MAX_DEPTH) {
            throw new ReadException(position + ": nesting deeper than " + MAX_DEPTH + " levels is not allowed in a config file", null);
        }
        if (parser.isCurrentAlias()) {
            throw new ReadException(position + ": YAML aliases (*" + parser.getText() + ") are not supported in config files; "
                    + "write the value out", null);
        }
        String tag = parser.getTypeId();
        if (tag != null) {
            throw new ReadException(position + ": YAML tags (" + tag + ") are not supported in config files; remove the tag", null);
        }

        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readMap(position, depth);
            case START_ARRAY -> readList(position, depth);
            case VALUE_NULL -> new Scalar(null, position);
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                    new Scalar(parser.getText(), position);
            default -> throw new ReadException(position + ": unexpected YAML content " + token, null);
        };
    }

    private MapNode readMap(SourcePosition position, int depth) throws IOException, ReadException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SourcePosition keyPosition = position();
            Entry previous = entries.get(key);
            if (previous != null) {
                throw new ReadException(keyPosition + ": duplicate key '" + key + "', first given at line "
                        + previous.keyPosition().line() + "; keep one of them", null);
            }
            parser.nextToken();
            entries.put(key, new Entry(key, keyPosition, readValue(depth + 1)));
        }
        return new MapNode(entries, position);
    }

    private ListNode readList(SourcePosition position, int depth) throws IOException, ReadException {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(depth + 1));
        }
        return new ListNode(items, position);
    }

    private SourcePosition position() {
        JsonLocation location = parser.currentTokenLocation();
        return new SourcePosition(file, location.getLineNr(), location.getColumnNr());
    }
}
