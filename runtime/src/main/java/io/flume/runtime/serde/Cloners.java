package io.flume.runtime.serde;

import com.fasterxml.jackson.databind.JsonNode;
import io.flume.api.Cloner;
import org.apache.kafka.common.serialization.Serde;

/** Default {@link Cloner}s. */
public final class Cloners {

    private static final String COPY_TOPIC = "flume.copy";

    private Cloners() {
    }

    /**
     * Returns the default cloner for a value type: a deep copy for Jackson trees, the value itself
     * for strings, boxed primitives and byte-free immutable JDK types, and a serde round trip
     * otherwise.
     */
    @SuppressWarnings("unchecked")
    public static <T> Cloner<T> defaultFor(Class<T> type, Serde<T> serde) {
        if (JsonNode.class.isAssignableFrom(type)) {
            return value -> value == null ? null : (T) ((JsonNode) value).deepCopy();
        }
        if (type == String.class || Number.class.isAssignableFrom(type) || type == Boolean.class) {
            return Cloner.immutable();
        }
        return serdeRoundTrip(serde);
    }

    /** Returns a cloner that serializes and deserializes each value. */
    public static <T> Cloner<T> serdeRoundTrip(Serde<T> serde) {
        return value -> value == null
                ? null
                : serde.deserializer().deserialize(COPY_TOPIC, serde.serializer().serialize(COPY_TOPIC, value));
    }
}
