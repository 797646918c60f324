package io.flume.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flume.runtime.config.KeySerde;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * Converts between the JSON that test files are written in and the keys and values a pipeline
 * reads and writes.
 *
 * <p>Values go through the pipeline's value serde: an input value is written as JSON and
 * deserialized into the value type, and an output value is serialized and read back as JSON.
 * For a {@code String} or {@code byte[]} value type, text is taken as is instead of as JSON.
 * Keys follow the source's key serde ({@code string}, {@code long}, {@code integer}, {@code uuid}
 * or {@code bytes}).
 *
 * @param <T> the pipeline's value type
 */
final class RecordCodec<T> {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The topic name serdes see during conversion; serdes of this project ignore it. */
    private static final String TOPIC = "flume.test";

    private final Class<T> valueType;
    private final Serde<T> valueSerde;
    private final KeySerde keySerde;

    RecordCodec(Class<T> valueType, Serde<T> valueSerde, KeySerde keySerde) {
        this.valueType = valueType;
        this.valueSerde = valueSerde;
        this.keySerde = keySerde;
    }

    KeySerde keySerde() {
        return keySerde;
    }

    /**
     * Converts a value written in a test file into the value type.
     *
     * @throws IllegalArgumentException naming the value type and the serde's complaint
     */
    T toValue(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        byte[] bytes;
        if (takesText() && json.isTextual()) {
            bytes = json.asText().getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                bytes = MAPPER.writeValueAsBytes(json);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot write the value as JSON: " + e.getOriginalMessage(), e);
            }
        }
        try {
            return valueSerde.deserializer().deserialize(TOPIC, bytes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the value does not convert to " + valueType.getName()
                    + " through the pipeline's value serde: " + e.getMessage(), e);
        }
    }

    /** Converts an output value into JSON, through the value serde. */
    JsonNode toJson(T value) {
        return value == null ? NODES.nullNode() : bytesToJson(valueSerde.serializer().serialize(TOPIC, value));
    }

    /**
     * Reads serialized bytes as JSON; bytes that are not JSON (or a text value type) read as text,
     * so that a value can always be shown and compared.
     */
    JsonNode bytesToJson(byte[] bytes) {
        if (bytes == null) {
            return NODES.nullNode();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (takesText()) {
            return NODES.textNode(text);
        }
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            return tree == null || tree.isMissingNode() ? NODES.textNode(text) : tree;
        } catch (IOException e) {
            return NODES.textNode(text);
        }
    }

    private boolean takesText() {
        return valueType == String.class || valueType == byte[].class;
    }

    /**
     * Converts a key written in a test file into the key serde's type.
     *
     * @throws IllegalArgumentException when the key does not fit the serde, such as text for a long key
     */
    Object toKey(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        String text = json.asText();
        try {
            return switch (keySerde) {
                case STRING -> text;
                case LONG -> Long.parseLong(integerText(json));
                case INTEGER -> Integer.parseInt(integerText(json));
                case UUID -> UUID.fromString(text);
                case BYTES -> Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key " + JsonMatch.show(json) + " is not a valid "
                    + keySerde.name().toLowerCase() + " key, which the source's key-serde requires", e);
        }
    }

    private static String integerText(JsonNode json) {
        return json.isIntegralNumber() ? json.bigIntegerValue().toString() : json.asText().strip();
    }

    /** Converts a key the pipeline wrote into JSON, for comparison and messages. */
    static JsonNode keyToJson(Object key) {
        if (key == null) {
            return NODES.nullNode();
        }
        if (key instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (key instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (key instanceof Bytes bytes) {
            return NODES.textNode(new String(bytes.get(), StandardCharsets.UTF_8));
        }
        if (key instanceof byte[] bytes) {
            return NODES.textNode(new String(bytes, StandardCharsets.UTF_8));
        }
        return NODES.textNode(key.toString());
    }

    /**
     * Returns true when an expected key matches an actual one. Numbers compare by value; otherwise
     * keys compare as text, so that an unquoted {@code key: 30001} matches the string key "30001".
     */
    static boolean keysMatch(JsonNode expected, JsonNode actual) {
        if (expected.isNull() || actual.isNull()) {
            return expected.isNull() && actual.isNull();
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.asText().equals(actual.asText());
    }
}
