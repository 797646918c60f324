package io.flume.connectors.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ReturnListener;
import io.flume.connectors.SinkException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Tracks the broker's confirms and returns for one batch published on a confirm-mode channel:
 * which publish sequence numbers were nacked and which messages were returned as unroutable.
 * Once {@code waitForConfirms} returns, every failure of the batch is recorded here. The broker
 * sends a mandatory message's return before its ack, and amqp-client (5.38, {@code ChannelN})
 * runs the listeners on its connection thread before it wakes the waiting thread.
 */
final class BatchConfirms implements ConfirmListener, ReturnListener {

    private final NavigableMap<Long, Integer> indexBySequence = new ConcurrentSkipListMap<>();
    private final Map<String, Integer> indexByMessageId = new ConcurrentHashMap<>();
    private final Map<Integer, SinkException> failures = new ConcurrentHashMap<>();
    private final String exchange;

    BatchConfirms(String exchange) {
        this.exchange = exchange;
    }

    /** Forgets the previous batch; called before a batch is published. */
    void reset() {
        indexBySequence.clear();
        indexByMessageId.clear();
        failures.clear();
    }

    void published(long sequence, String messageId, int index) {
        indexBySequence.put(sequence, index);
        indexByMessageId.put(messageId, index);
    }

    void failed(int index, SinkException failure) {
        failures.put(index, failure);
    }

    Map<Integer, SinkException> failures() {
        return Map.copyOf(failures);
    }

    @Override
    public void handleAck(long sequence, boolean multiple) {
        confirmed(sequence, multiple).clear();
    }

    @Override
    public void handleNack(long sequence, boolean multiple) {
        Map<Long, Integer> nacked = confirmed(sequence, multiple);
        for (int index : nacked.values()) {
            failures.putIfAbsent(index, SinkException.transientFailure(
                    "RabbitMQ nacked the message to exchange '" + exchange
                            + "': the broker could not take it (for example a queue at its length limit"
                            + " with overflow reject-publish); it is retried", null));
        }
        nacked.clear();
    }

    @Override
    public void handleReturn(int replyCode, String replyText, String exchange, String routingKey,
            AMQP.BasicProperties properties, byte[] body) {
        Integer index = indexByMessageId.get(properties.getMessageId());
        if (index == null) {
            return;
        }
        failures.put(index, SinkException.permanentFailure(
                "RabbitMQ returned the message as unroutable (" + replyCode + " " + replyText
                        + "): no queue is bound to exchange '" + exchange + "' for routing key '" + routingKey
                        + "'; bind a queue that matches it, or set 'mandatory: false' to let the broker drop"
                        + " such messages", null));
    }

    private Map<Long, Integer> confirmed(long sequence, boolean multiple) {
        return multiple ? indexBySequence.headMap(sequence, true) : subMapOf(sequence);
    }

    private Map<Long, Integer> subMapOf(long sequence) {
        return indexBySequence.subMap(sequence, true, sequence, true);
    }
}
