package io.flume.runtime.config;

import java.util.List;
import java.util.Objects;

/**
 * The topics a pipeline reads and the serdes of their records.
 *
 * @param topics the source topics, at least one
 * @param keySerde the key serde, {@link ConfigKeys#DEFAULT_KEY_SERDE} unless set
 * @param valueSerde the value serde, {@link ConfigKeys#DEFAULT_VALUE_SERDE} unless set
 */
public record SourceConfig(List<String> topics, KeySerde keySerde, ValueSerde valueSerde) {

    public SourceConfig {
        topics = List.copyOf(Objects.requireNonNull(topics, "topics"));
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("source.topics must name at least one topic");
        }
        for (String topic : topics) {
            TopicNames.check("source.topics", topic);
        }
        keySerde = keySerde == null ? ConfigKeys.DEFAULT_KEY_SERDE : keySerde;
        valueSerde = valueSerde == null ? ConfigKeys.DEFAULT_VALUE_SERDE : valueSerde;
    }

    /** Creates a source of {@code topics} with the default serdes. */
    public static SourceConfig of(String... topics) {
        return new SourceConfig(List.of(topics), null, null);
    }
}
