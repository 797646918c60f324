package io.flume.connectors.naming;

import io.flume.connectors.SinkRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text forms of a record's parts that the RabbitMQ and Redis Streams sinks share: the source
 * position that consumers use to drop duplicates, and UTF-8 decoding of keys and headers.
 */
public final class RecordText {

    private RecordText() {
    }

    /**
     * Returns the record's source position as {@code topic-partition-offset}, such as
     * {@code orders.paid-3-1042}, or null for a record from a direct channel, which has no offset.
     * The position is unique per record of a topic, so a consumer can drop the copies that an
     * at-least-once retry writes.
     */
    public static String sourcePosition(SinkRecord record) {
        if (record.offset() < 0 || record.topic() == null) {
            return null;
        }
        return record.topic() + "-" + record.partition() + "-" + record.offset();
    }

    /** Decodes {@code bytes} as UTF-8, or returns null when they are not valid UTF-8. */
    public static String strict(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Decodes {@code bytes} as UTF-8, replacing invalid sequences with U+FFFD. */
    public static String lenient(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
