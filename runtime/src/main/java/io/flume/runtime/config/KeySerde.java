package io.flume.runtime.config;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

/**
 * The serde of record keys, named in the config as {@code source.key-serde} and
 * {@code streams.NAME.key-serde}.
 *
 * <p>A stream whose key serde differs from the source's converts each key before writing it
 * ({@link io.flume.runtime.serde.KeyConversion}). {@link #convertsTo} checks which conversions
 * exist: text parses to and prints from the other formats, and integers widen or narrow with a
 * range check. A key of another format is never reinterpreted from its bytes, so bytes convert
 * only to and from text, and a UUID only to and from text.
 */
public enum KeySerde {
    STRING(String.class),
    BYTES(Bytes.class),
    LONG(Long.class),
    INTEGER(Integer.class),
    UUID(java.util.UUID.class);

    private final Class<?> keyType;

    KeySerde(Class<?> keyType) {
        this.keyType = keyType;
    }

    /** Creates the Kafka serde for this key format. */
    public Serde<?> serde() {
        return switch (this) {
            case STRING -> Serdes.String();
            case BYTES -> Serdes.Bytes();
            case LONG -> Serdes.Long();
            case INTEGER -> Serdes.Integer();
            case UUID -> Serdes.UUID();
        };
    }

    /** Returns the Java type of keys that this serde reads and writes, such as {@code Long} for {@code long}. */
    public Class<?> keyType() {
        return keyType;
    }

    /**
     * Returns true when a key read with this serde can be written with {@code target}, for some
     * keys at least: a text key converts to a number only when it is a decimal number, for example.
     */
    public boolean convertsTo(KeySerde target) {
        if (this == target || this == STRING || target == STRING) {
            return true;
        }
        return (this == LONG && target == INTEGER) || (this == INTEGER && target == LONG);
    }
}
