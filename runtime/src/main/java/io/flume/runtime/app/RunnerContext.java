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
 * @param streamValueSerializers the value serializers of streams whose config sets their own
 *     {@code value-serde}, by stream name, which {@link #valueSerializer(String)} prefers
 */
public record RunnerContext(AppConfig config, String bootstrapServers, Map<String, Channel<?>> channels,
        Serializer<?> valueSerializer, Map<String, Serializer<?>> streamValueSerializers) {

    public RunnerContext {
        channels = Map.copyOf(channels);
        streamValueSerializers = Map.copyOf(streamValueSerializers);
    }

    /** Creates a context where every stream's values use {@code valueSerializer}. */
    public RunnerContext(AppConfig config, String bootstrapServers, Map<String, Channel<?>> channels,
            Serializer<?> valueSerializer) {
        this(config, bootstrapServers, channels, valueSerializer, Map.of());
    }

    /**
     * Returns the serializer that turns {@code stream}'s channel values into the bytes of its
     * topic. It is null when {@link #valueSerializer()} is and the stream has none of its own.
     */
    public Serializer<?> valueSerializer(String stream) {
        Serializer<?> own = streamValueSerializers.get(stream);
        return own != null ? own : valueSerializer;
    }

    /** Returns the channel of {@code stream}, if the application has one. */
    public Optional<Channel<?>> channel(String stream) {
        return Optional.ofNullable(channels.get(stream));
    }
}
