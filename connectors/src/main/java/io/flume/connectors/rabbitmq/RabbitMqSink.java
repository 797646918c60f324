package io.flume.connectors.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import io.flume.connectors.Sink;
import io.flume.connectors.SinkException;
import io.flume.connectors.SinkRecord;
import io.flume.connectors.WriteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each batch to a RabbitMQ exchange on a channel in confirm mode and returns once the
 * broker has confirmed every message. A nacked message is a transient failure of that record, a
 * message returned as unroutable (with {@code mandatory}) a permanent one, and a lost connection,
 * a closed channel or a confirm timeout a transient failure of the whole batch.
 *
 * <p>The client's automatic connection recovery is off, because it would hide a lost connection
 * while publishes and confirms of the batch in flight are lost with it. Instead, a write after a
 * failure opens a new connection and channel, and the runner retries the batch (at-least-once).
 */
final class RabbitMqSink implements Sink {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqSink.class);
    /** The AMQP limit on a routing key's length, in bytes of UTF-8. */
    private static final int MAX_ROUTING_KEY_BYTES = 255;
    private static final int REPLY_NOT_FOUND = 404;
    private static final int REPLY_PRECONDITION_FAILED = 406;
    /**
     * How long closing waits for the broker's close-ok. Short, because after a failure the broker
     * may never reply, and a write that already failed should not block the runner's retry.
     */
    private static final int CLOSE_TIMEOUT_MILLIS = 1_000;

    private final String connector;
    private final RabbitMqSettings settings;
    private final AmqpMessages messages;
    private final BatchConfirms confirms;
    private Connection connection;
    private Channel channel;

    RabbitMqSink(String connector, RabbitMqSettings settings) {
        this.connector = connector;
        this.settings = settings;
        this.messages = new AmqpMessages(settings);
        this.confirms = new BatchConfirms(settings.exchange());
    }

    @Override
    public void open() throws SinkException {
        connect(true);
        LOG.info("connector '{}': publishing to RabbitMQ exchange '{}' at {}",
                connector, settings.exchange(), settings.redactedUri());
    }

    @Override
    public WriteResult write(List<SinkRecord> batch) throws SinkException {
        if (channel == null || !channel.isOpen()) {
            closeQuietly();
            LOG.warn("connector '{}': reconnecting to RabbitMQ at {}", connector, settings.redactedUri());
            connect(false);
        }
        confirms.reset();
        try {
            publish(batch);
            awaitConfirms();
        } catch (IOException | ShutdownSignalException e) {
            closeQuietly();
            throw SinkException.transientFailure(prefix() + "the connection or channel closed during a write ("
                    + e.getMessage() + "); the batch is retried on a new connection", e);
        }
        return WriteResult.withFailures(confirms.failures());
    }

    private void publish(List<SinkRecord> batch) throws IOException {
        for (int i = 0; i < batch.size(); i++) {
            SinkRecord record = batch.get(i);
            String routingKey = settings.routingKey().render(record);
            if (routingKey.getBytes(StandardCharsets.UTF_8).length > MAX_ROUTING_KEY_BYTES) {
                confirms.failed(i, SinkException.permanentFailure(prefix() + "the routing key of the record at "
                        + record.topic() + "-" + record.partition() + "-" + record.offset() + " is longer than "
                        + MAX_ROUTING_KEY_BYTES + " bytes; shorten the template '" + settings.routingKey() + "'", null));
                continue;
            }
            AMQP.BasicProperties properties = messages.properties(record);
            byte[] body = record.value() != null ? record.value() : new byte[0];
            confirms.published(channel.getNextPublishSeqNo(), properties.getMessageId(), i);
            channel.basicPublish(settings.exchange(), routingKey, settings.mandatory(), properties, body);
        }
    }

    private void awaitConfirms() throws SinkException {
        try {
            // Returns false when a message was nacked; the listener has recorded which.
            channel.waitForConfirms(settings.confirmTimeout().toMillis());
        } catch (TimeoutException e) {
            closeQuietly();
            throw SinkException.transientFailure(prefix() + "the broker did not confirm the batch within "
                    + settings.confirmTimeout() + "; raise '" + RabbitMqSettings.CONFIRM_TIMEOUT
                    + "' if the broker is slow; the batch is retried on a new connection", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly();
            throw SinkException.transientFailure(prefix() + "interrupted while waiting for confirms", e);
        }
    }

    /**
     * Opens a connection and a confirm-mode channel, and declares the exchange or checks that it
     * exists. A missing exchange, or one that exists with other properties than
     * {@code declare-exchange} asks for, is a permanent failure at open, so that the application
     * does not start. On a reconnect during a write it is transient, so the runner keeps the batch
     * and retries until someone fixes the exchange.
     */
    private void connect(boolean atOpen) throws SinkException {
        ConnectionFactory factory = connectionFactory();
        try {
            connection = factory.newConnection("flume-" + connector);
            channel = connection.createChannel();
        } catch (IOException | TimeoutException e) {
            closeQuietly();
            throw SinkException.transientFailure(prefix() + "cannot connect to RabbitMQ at " + settings.redactedUri()
                    + " (" + describe(e) + "); check that the broker is running, and the host, port and"
                    + " credentials in '" + RabbitMqSettings.URI + "'", e);
        }
        try {
            prepareExchange();
            channel.confirmSelect();
            channel.addConfirmListener(confirms);
            channel.addReturnListener(confirms);
        } catch (IOException | ShutdownSignalException e) {
            closeQuietly();
            AMQP.Channel.Close close = channelClose(e);
            int replyCode = close != null ? close.getReplyCode() : 0;
            if (replyCode == REPLY_NOT_FOUND) {
                String message = prefix() + "exchange '" + settings.exchange() + "' does not exist on "
                        + settings.redactedUri() + "; declare it first, for example 'rabbitmqadmin declare exchange name="
                        + settings.exchange() + " type=topic durable=true', or set '" + RabbitMqSettings.DECLARE_EXCHANGE
                        + "' to the exchange type so that the sink declares it";
                throw new SinkException(message, !atOpen, e);
            }
            if (replyCode == REPLY_PRECONDITION_FAILED && settings.declareExchange() != null) {
                String message = prefix() + "exchange '" + settings.exchange() + "' exists on " + settings.redactedUri()
                        + " with other properties than '" + RabbitMqSettings.DECLARE_EXCHANGE + ": "
                        + settings.declareExchange() + "' declares (type " + settings.declareExchange() + ", durable): "
                        + close.getReplyText() + "; remove '" + RabbitMqSettings.DECLARE_EXCHANGE
                        + "' to publish to the exchange as it is, or delete the exchange";
                throw new SinkException(message, !atOpen, e);
            }
            throw SinkException.transientFailure(prefix() + "cannot open a channel on " + settings.redactedUri()
                    + " (" + describe(e) + ")", e);
        }
    }

    /**
     * Declares the durable exchange when {@code declare-exchange} is set, which does nothing when
     * an equal one exists, and otherwise checks with a passive declare that the exchange exists.
     */
    private void prepareExchange() throws IOException {
        if (settings.declareExchange() != null) {
            channel.exchangeDeclare(settings.exchange(), settings.declareExchange(), true);
        } else {
            channel.exchangeDeclarePassive(settings.exchange());
        }
    }

    private ConnectionFactory connectionFactory() throws SinkException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(settings.uri());
        } catch (Exception e) {
            throw SinkException.permanentFailure(prefix() + "setting '" + RabbitMqSettings.URI + "' is not a valid AMQP URI ("
                    + settings.redactedUri() + "); write it as amqp://user:password@host:port/vhost", e);
        }
        int connectMillis = (int) settings.connectTimeout().toMillis();
        factory.setConnectionTimeout(connectMillis);
        factory.setHandshakeTimeout(connectMillis);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        return factory;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        Connection open = connection;
        connection = null;
        channel = null;
        if (open != null) {
            try {
                open.abort(CLOSE_TIMEOUT_MILLIS);
            } catch (RuntimeException e) {
                LOG.debug("connector '{}': closing the RabbitMQ connection failed", connector, e);
            }
        }
    }

    private String prefix() {
        return "connector '" + connector + "' (rabbitmq): ";
    }

    /** Returns the broker's reason for closing the channel, or null when the failure was another one. */
    private static AMQP.Channel.Close channelClose(Exception e) {
        Throwable cause = e instanceof ShutdownSignalException ? e : e.getCause();
        if (cause instanceof ShutdownSignalException signal && signal.getReason() instanceof AMQP.Channel.Close close) {
            return close;
        }
        return null;
    }

    private static String describe(Exception e) {
        Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() != null ? ": " + cause.getMessage() : "");
    }
}
