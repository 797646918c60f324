package io.flume.connectors.testing;

import io.flume.connectors.SinkRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds sink records as the connector runner would hand them over from a topic. */
public final class TestRecords {

    public static final String TOPIC = "orders.paid";
    public static final String STREAM = "orders";
    public static final long TIMESTAMP = 1_760_000_000_000L;

    private TestRecords() {
    }

    /** Returns the record at {@code offset} of partition {@code offset % 3}, with key {@code k<offset>}. */
    public static SinkRecord record(long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", ("trace-" + offset).getBytes(StandardCharsets.UTF_8));
        headers.add("binary", new byte[] {(byte) 0xff, (byte) 0xfe});
        return new SinkRecord(STREAM, key(offset), value(offset), headers, TIMESTAMP + offset,
                TOPIC, partition(offset), offset);
    }

    /** Returns the records at offsets {@code from} (inclusive) to {@code to} (exclusive). */
    public static List<SinkRecord> batch(long from, long to) {
        List<SinkRecord> batch = new ArrayList<>();
        for (long offset = from; offset < to; offset++) {
            batch.add(record(offset));
        }
        return batch;
    }

    public static int partition(long offset) {
        return (int) (offset % 3);
    }

    public static byte[] key(long offset) {
        return ("k" + offset).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] value(long offset) {
        return ("{\"order\":" + offset + ",\"total\":" + (offset % 97) + ".5}").getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the source position the sinks write for the record at {@code offset}. */
    public static String position(long offset) {
        return TOPIC + "-" + partition(offset) + "-" + offset;
    }

    /** Returns a name suffix that no other test run uses. */
    public static String uniqueSuffix() {
        return Long.toHexString(System.nanoTime()) + Integer.toHexString((int) (Math.random() * 0xffff));
    }
}
