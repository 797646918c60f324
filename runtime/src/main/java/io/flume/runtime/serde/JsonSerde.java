package io.flume.runtime.serde;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes values as JSON with Jackson. For {@link JsonNode} subtypes such as
 * {@code ObjectNode}, a document of another JSON type (an array where an object is expected) fails
 * deserialization, so that Kafka Streams hands the record to the deserialization exception handler
 * instead of passing a wrong type into the pipeline.
 *
 * @param <T> the value type
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    /** A location as Jackson writes it into messages: {@code [Source: ...; line: 1, column: 2]}. */
    private static final Pattern EMBEDDED_LOCATION = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

    private final Class<T> type;

    public JsonSerde(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Returns the shared mapper, configured to reject trailing content after a document. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new SerializationException(
                    "cannot write " + type.getSimpleName() + " as JSON for topic " + topic + ": " + describe(e), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            if (JsonNode.class.isAssignableFrom(type)) {
                JsonNode tree = MAPPER.readTree(data);
                if (!type.isInstance(tree)) {
                    throw new SerializationException("expected a JSON value of type " + type.getSimpleName()
                            + " in topic " + topic + " but found " + describe(tree));
                }
                return type.cast(tree);
            }
            return MAPPER.readValue(data, type);
        } catch (IOException e) {
            throw new SerializationException("invalid JSON in topic " + topic + " for " + type.getSimpleName() + ": "
                    + (e instanceof JsonProcessingException jpe ? describe(jpe) : e.getMessage()), e);
        }
    }

    /**
     * Returns the parser's message followed by where it stopped, such as {@code Unexpected
     * character ('}' (code 125)): expected a value at line 1, column 7}. Some messages embed an
     * earlier position, such as the start of an unclosed object, with a redacted source
     * description; that part is rewritten as "line L, column C".
     */
    static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String message = EMBEDDED_LOCATION.matcher(original).replaceAll("line $1, column $2");
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return message;
        }
        return message + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String describe(JsonNode tree) {
        return tree == null || tree.isMissingNode() ? "an empty document" : "a JSON " + tree.getNodeType().name().toLowerCase();
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public void close() {
    }
}
