package io.flume.runtime.serde;

import io.flume.runtime.config.ConfigWord;
import io.flume.runtime.config.KeySerde;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * Converts record keys from the source's key format to a stream's, for
 * {@code streams.NAME.key-serde}. The conversions are those {@link KeySerde#convertsTo} allows:
 * text parses as a decimal number or a UUID and encodes as UTF-8, numbers and UUIDs print as
 * text, bytes decode as strict UTF-8, and integers widen or narrow with a range check.
 *
 * <p>A key that does not convert, such as the text {@code abc} for a {@code long} key, throws
 * {@link SerializationException}. In a sink, Kafka Streams hands that record to the production
 * exception handler, which sends it to the dead-letter topic by default.
 */
public final class KeyConversion {

    private KeyConversion() {
    }

    /**
     * Returns a serializer that converts each key to {@code target}'s type and writes it with
     * {@code target}'s serde. A key that already has that type is written unchanged.
     */
    @SuppressWarnings("unchecked")
    public static Serializer<Object> serializer(KeySerde target) {
        Serializer<Object> serializer = (Serializer<Object>) target.serde().serializer();
        return (topic, key) -> key == null ? null : serializer.serialize(topic, convert(key, target));
    }

    /**
     * Converts {@code key} to the type of {@code target}.
     *
     * @throws SerializationException when the key's type has no conversion to {@code target}, or
     *     its value does not fit, such as text that is not a number
     */
    public static Object convert(Object key, KeySerde target) {
        if (key == null || target.keyType().isInstance(key)) {
            return key;
        }
        try {
            Object converted = switch (target) {
                case STRING -> toText(key);
                case BYTES -> key instanceof String text ? Bytes.wrap(text.getBytes(StandardCharsets.UTF_8)) : null;
                case LONG -> key instanceof String text ? (Object) Long.parseLong(text.trim())
                        : key instanceof Integer number ? (Object) number.longValue() : null;
                case INTEGER -> key instanceof String text ? (Object) Integer.parseInt(text.trim())
                        : key instanceof Long number ? (Object) Math.toIntExact(number) : null;
                case UUID -> key instanceof String text ? UUID.fromString(text.trim()) : null;
            };
            if (converted == null) {
                throw new SerializationException("a key of type " + key.getClass().getSimpleName() + " has no conversion to "
                        + ConfigWord.of(target) + "; the stream's key-serde must be string or the source's key-serde");
            }
            return converted;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new SerializationException("the key '" + key + "' is not a valid " + ConfigWord.of(target)
                    + " key for the stream's key-serde: " + e.getMessage(), e);
        }
    }

    private static String toText(Object key) {
        if (key instanceof Bytes bytes) {
            return strictUtf8(bytes.get());
        }
        if (key instanceof byte[] bytes) {
            return strictUtf8(bytes);
        }
        return key.toString();
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the key bytes are not valid UTF-8", e);
        }
    }
}
