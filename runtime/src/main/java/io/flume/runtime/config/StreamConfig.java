package io.flume.runtime.config;

import java.util.Optional;

/**
 * The output of a schema's {@code stream}: its topic and, when they differ from the defaults, the
 * partition count of a created topic and the serdes.
 *
 * @param topic the topic the stream writes to
 * @param partitions the partition count when the runner creates the topic; null means
 *     {@code topic-partitions}
 * @param keySerde the key serde; null means the source's
 * @param valueSerde the value serde; null means the source's
 */
public record StreamConfig(String topic, Integer partitions, KeySerde keySerde, ValueSerde valueSerde) {

    public StreamConfig {
        TopicNames.check("streams.*.topic", topic);
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("partitions of stream topic '" + topic + "' must be at least 1, got " + partitions);
        }
    }

    /** Creates a stream config that only maps the stream to {@code topic}. */
    public static StreamConfig toTopic(String topic) {
        return new StreamConfig(topic, null, null, null);
    }

    public Optional<Integer> partitionCount() {
        return Optional.ofNullable(partitions);
    }
}
