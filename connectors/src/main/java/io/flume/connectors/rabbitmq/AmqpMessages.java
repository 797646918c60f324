package io.flume.connectors.rabbitmq;

import com.rabbitmq.client.AMQP;
import io.flume.connectors.SinkRecord;
import io.flume.connectors.naming.RecordText;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Header;

/**
 * Builds the AMQP properties of a record's message. Every Kafka header becomes an AMQP header of
 * the same name, with a string value when its bytes are valid UTF-8 and a byte array otherwise; of
 * several Kafka headers with one name, the last wins because an AMQP table has unique names. The
 * sink then adds the headers named below, which replace record headers of the same name.
 */
final class AmqpMessages {

    /** The record's key, as text when it is valid UTF-8 and as bytes otherwise; absent for a null key. */
    static final String KEY_HEADER = "flume.key";
    /** The stream the record belongs to. */
    static final String STREAM_HEADER = "flume.stream";
    /** The topic, partition and offset the record was read from; absent for a direct channel's record. */
    static final String TOPIC_HEADER = "flume.topic";
    static final String PARTITION_HEADER = "flume.partition";
    static final String OFFSET_HEADER = "flume.offset";

    private static final int PERSISTENT = 2;
    private static final int TRANSIENT = 1;

    private final String contentType;
    private final int deliveryMode;

    AmqpMessages(RabbitMqSettings settings) {
        this.contentType = settings.contentType();
        this.deliveryMode = settings.persistent() ? PERSISTENT : TRANSIENT;
    }

    /**
     * Returns the message's properties. The message id is the record's source position
     * ({@code topic-partition-offset}), the same on every retry, so that consumers can drop
     * duplicates; a direct channel's record has no position and gets a random UUID instead.
     */
    AMQP.BasicProperties properties(SinkRecord record) {
        String position = RecordText.sourcePosition(record);
        return new AMQP.BasicProperties.Builder()
                .contentType(contentType)
                .deliveryMode(deliveryMode)
                .messageId(position != null ? position : UUID.randomUUID().toString())
                .timestamp(new Date(record.timestamp()))
                .headers(headers(record))
                .build();
    }

    private static Map<String, Object> headers(SinkRecord record) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key(), textOrBytes(header.value()));
            }
        }
        headers.put(STREAM_HEADER, record.stream());
        if (record.key() != null) {
            headers.put(KEY_HEADER, textOrBytes(record.key()));
        }
        if (RecordText.sourcePosition(record) != null) {
            headers.put(TOPIC_HEADER, record.topic());
            headers.put(PARTITION_HEADER, record.partition());
            headers.put(OFFSET_HEADER, record.offset());
        }
        return headers;
    }

    private static Object textOrBytes(byte[] bytes) {
        String text = RecordText.strict(bytes);
        return text != null ? text : bytes;
    }
}
