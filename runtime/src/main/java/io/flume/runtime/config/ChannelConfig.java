package io.flume.runtime.config;

import io.flume.api.Channel;
import io.flume.api.OverflowPolicy;

/**
 * A channel declared in the config instead of in code.
 *
 * @param capacity the maximum number of records in the queue
 * @param direct whether the stream node offers into the queue itself, without a topic in between
 * @param overflow what happens when the queue stays full for the stream's {@code stream_timeout}
 */
public record ChannelConfig(int capacity, boolean direct, OverflowPolicy overflow) {

    public static final ChannelConfig DEFAULTS = new ChannelConfig(
            ConfigKeys.DEFAULT_CHANNEL_CAPACITY, ConfigKeys.DEFAULT_CHANNEL_DIRECT, ConfigKeys.DEFAULT_CHANNEL_OVERFLOW);

    public ChannelConfig {
        if (capacity < 1) {
            throw new IllegalArgumentException("channel capacity must be at least 1, got " + capacity);
        }
        overflow = overflow == null ? ConfigKeys.DEFAULT_CHANNEL_OVERFLOW : overflow;
    }

    /** Creates the channel this config describes. */
    public <T> Channel<T> create() {
        Channel<T> channel = direct ? Channel.direct(capacity) : Channel.bounded(capacity);
        return channel.overflow(overflow);
    }
}
