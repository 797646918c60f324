package io.flume.runtime.app;

import io.flume.api.Channel;
import io.flume.runtime.config.AppConfig;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The application details that the runner hands to each {@link RunnerExtension} it starts.
 *
 * @param config the application's config
 * @param bootstrapServers the cluster the application runs on: the configured one or the embedded broker's
 * @param channels the application's channels by stream name, bridged and direct
 * @param valueSerializer the pipeline's value serializer, which turns a channel's values back into
 *     the bytes of its topic. It is null when the application registered no channels with the runner
 */
public record RunnerContext(AppConfig config, String bootstrapServers, Map<String, Channel<?>> channels,
        Serializer<?> valueSerializer) {

    public RunnerContext {
        channels = Map.copyOf(channels);
    }

    /** Returns the channel of {@code stream}, if the application has one. */
    public Optional<Channel<?>> channel(String stream) {
        return Optional.ofNullable(channels.get(stream));
    }
}
