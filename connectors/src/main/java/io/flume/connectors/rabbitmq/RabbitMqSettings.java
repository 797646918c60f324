package io.flume.connectors.rabbitmq;

import io.flume.connectors.ConnectorSettings;
import io.flume.connectors.naming.RecordTemplate;
import java.time.Duration;
import java.util.List;

/**
 * The settings of a {@code rabbitmq} connector, read and checked once when the sink is created.
 *
 * @param uri the broker as {@code amqp://user:password@host:port/vhost}
 * @param exchange the exchange to publish to; it must exist unless {@code declareExchange} is set
 * @param declareExchange the type of durable exchange to declare at open ({@code direct},
 *     {@code fanout}, {@code topic} or {@code headers}), or null to only check that it exists
 * @param routingKey the routing key, fixed or a template such as {@code {stream}} or {@code {key}}
 * @param persistent whether messages are published with delivery mode 2 (persistent)
 * @param mandatory whether the broker returns messages that no queue receives
 * @param contentType the AMQP content type of every message
 * @param confirmTimeout how long a write waits for the broker to confirm its batch
 * @param connectTimeout how long opening a connection may take
 */
record RabbitMqSettings(
        String uri,
        String exchange,
        String declareExchange,
        RecordTemplate routingKey,
        boolean persistent,
        boolean mandatory,
        String contentType,
        Duration confirmTimeout,
        Duration connectTimeout) {

    static final String URI = "uri";
    static final String EXCHANGE = "exchange";
    static final String DECLARE_EXCHANGE = "declare-exchange";
    static final String ROUTING_KEY = "routing-key";
    static final String PERSISTENT = "persistent";
    static final String MANDATORY = "mandatory";
    static final String CONTENT_TYPE = "content-type";
    static final String CONFIRM_TIMEOUT = "confirm-timeout";
    static final String CONNECT_TIMEOUT = "connect-timeout";

    /** The exchange types that {@code declare-exchange} accepts: those every RabbitMQ broker has. */
    static final List<String> EXCHANGE_TYPES = List.of("direct", "fanout", "topic", "headers");
    static final String DEFAULT_ROUTING_KEY = "{stream}";
    static final String DEFAULT_CONTENT_TYPE = "application/json";
    static final Duration DEFAULT_CONFIRM_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    static RabbitMqSettings read(ConnectorSettings settings) {
        String uri = settings.requireString(URI);
        if (!uri.startsWith("amqp://") && !uri.startsWith("amqps://")) {
            throw settings.invalid(URI, "must start with amqp:// or amqps://", redact(uri));
        }
        String exchange = settings.requireString(EXCHANGE);
        String declareExchange = settings.string(DECLARE_EXCHANGE, null);
        if (declareExchange != null && !EXCHANGE_TYPES.contains(declareExchange)) {
            throw settings.invalid(DECLARE_EXCHANGE, "must be one of " + String.join(", ", EXCHANGE_TYPES)
                    + ", the type of the durable exchange to declare; leave it out to use an existing exchange", declareExchange);
        }
        String routingKey = settings.string(ROUTING_KEY, DEFAULT_ROUTING_KEY);
        Duration confirmTimeout = settings.duration(CONFIRM_TIMEOUT, DEFAULT_CONFIRM_TIMEOUT);
        if (confirmTimeout.isZero()) {
            throw settings.invalid(CONFIRM_TIMEOUT, "must be longer than 0", confirmTimeout);
        }
        Duration connectTimeout = settings.duration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
        if (connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw settings.invalid(CONNECT_TIMEOUT, "must be between 1ms and 24 days", connectTimeout);
        }
        return new RabbitMqSettings(
                uri,
                exchange,
                declareExchange,
                RecordTemplate.parse(settings, ROUTING_KEY, routingKey),
                settings.bool(PERSISTENT, true),
                settings.bool(MANDATORY, true),
                settings.string(CONTENT_TYPE, DEFAULT_CONTENT_TYPE),
                confirmTimeout,
                connectTimeout);
    }

    /** Returns the URI with its password replaced by {@code ***}, for messages and logs. */
    static String redact(String uri) {
        return uri.replaceFirst("^(amqps?://[^:@/]*:)[^@/]*@", "$1***@");
    }

    String redactedUri() {
        return redact(uri);
    }
}
