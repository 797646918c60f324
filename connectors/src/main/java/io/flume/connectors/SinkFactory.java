package io.flume.connectors;

/**
 * Creates sinks of one type from their settings in the application's config. Factories are found
 * with {@link java.util.ServiceLoader}; each names its type, such as {@code rabbitmq}, which is the
 * value of a connector's {@code type} key:
 *
 * <pre>{@code
 * connectors:
 *   - name: alerts-to-rabbit
 *     stream: quakes.major
 *     type: rabbitmq
 *     uri: amqp://guest:${RABBIT_PASSWORD}@127.0.0.1:5672
 *     exchange: quakes
 * }</pre>
 */
public interface SinkFactory {

    /** Returns the type name used in the config, lower case with dashes. */
    String type();

    /**
     * Creates an unopened sink. Reads every setting it needs through {@code settings}, which
     * reports a missing or malformed one with the connector's name and the key; settings the
     * factory does not know are reported by the caller.
     */
    Sink create(ConnectorSettings settings);
}
