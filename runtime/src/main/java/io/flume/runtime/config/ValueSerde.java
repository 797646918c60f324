package io.flume.runtime.config;

/**
 * The serde of record values, named in the config as {@code source.value-serde}. {@code JSON}
 * means the component library's value serde, which is JSON through Jackson unless the library
 * sets another one.
 */
public enum ValueSerde {
    JSON,
    STRING,
    BYTES
}
