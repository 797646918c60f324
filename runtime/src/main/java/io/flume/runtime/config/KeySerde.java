package io.flume.runtime.config;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The serde of record keys, named in the config as {@code source.key-serde}. */
public enum KeySerde {
    STRING,
    BYTES,
    LONG,
    INTEGER,
    UUID;

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
}
