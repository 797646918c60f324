package io.flume.connectors.rabbitmq;

import io.flume.connectors.ConnectorSettings;
import io.flume.connectors.Sink;
import io.flume.connectors.SinkFactory;

/** Creates {@code rabbitmq} sinks, which publish records to an exchange with publisher confirms. */
public final class RabbitMqSinkFactory implements SinkFactory {

    public static final String TYPE = "rabbitmq";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Sink create(ConnectorSettings settings) {
        return new RabbitMqSink(settings.connector(), RabbitMqSettings.read(settings));
    }
}
