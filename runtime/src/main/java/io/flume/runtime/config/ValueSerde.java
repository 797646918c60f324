package io.flume.runtime.config;

/**
 * The serde of record values, named in the config as {@code source.value-serde} and
 * {@code streams.NAME.value-serde}. The component library fixes the value type, and this
 * setting only chooses how values of that type become bytes.
 *
 * <ul>
 *   <li>{@code JSON}: the component library's value serde, which is JSON through Jackson unless
 *       the library sets another one. It suits every value type; a {@code String} value becomes a
 *       quoted JSON string.</li>
 *   <li>{@code STRING}: Kafka's {@code StringSerde}, the text as raw UTF-8. Only for a library of
 *       {@code String} values.</li>
 *   <li>{@code BYTES}: Kafka's {@code ByteArraySerde}, the bytes unchanged. Only for a library of
 *       {@code byte[]} values.</li>
 * </ul>
 */
public enum ValueSerde {
    JSON,
    STRING,
    BYTES;

    /**
     * Returns the value type this serde requires, or null when it suits every type
     * ({@code JSON}).
     */
    public Class<?> requiredValueType() {
        return switch (this) {
            case JSON -> null;
            case STRING -> String.class;
            case BYTES -> byte[].class;
        };
    }
}
