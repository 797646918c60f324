package io.flume.api;

import org.apache.kafka.common.header.Headers;

/**
 * One record in a {@link Channel}: the value with the key, headers and position it had in the
 * stream's topic. Records offered by a {@code direct} stream node have no topic, a partition and
 * offset of -1.
 *
 * @param <T> the pipeline's value type
 */
public record ChannelRecord<T>(
        Object key, T value, Headers headers, long timestamp, String topic, int partition, long offset) {
}
