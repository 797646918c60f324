package io.flume.connectors.redis;

import io.flume.connectors.ConnectorSettings;
import io.flume.connectors.Sink;
import io.flume.connectors.SinkFactory;

/** Creates {@code redis-stream} sinks, which append records to a Redis stream with XADD. */
public final class RedisStreamSinkFactory implements SinkFactory {

    public static final String TYPE = "redis-stream";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Sink create(ConnectorSettings settings) {
        return new RedisStreamSink(settings.connector(), RedisStreamSettings.read(settings));
    }
}
