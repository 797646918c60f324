package io.flume.connectors;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.flume.connectors.rabbitmq.RabbitMqSinkFactory;
import io.flume.connectors.redis.RedisStreamSinkFactory;
import io.flume.connectors.testing.TestRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import redis.clients.jedis.Jedis;

/**
 * Measures records per second through the rabbitmq and redis-stream sinks against the machine's
 * servers, for batches of 100 and 1,000 records. A {@code main}, not a test, so that CI never runs
 * it; the command and the results are in docs/benchmarks.md.
 */
public final class MqSinksBenchmark {

    private static final int WARM_UP_RECORDS = 20_000;
    private static final int ROUND_RECORDS = 50_000;
    private static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        List<SinkRecord> records = records(ROUND_RECORDS);
        String suffix = TestRecords.uniqueSuffix();
        for (int batchSize : new int[] {100, 1_000}) {
            benchmarkRabbitMq(records, batchSize, "flume-bench-" + suffix, true);
            benchmarkRabbitMq(records, batchSize, "flume-bench-" + suffix, false);
            benchmarkRedis(records, batchSize, "flume-bench-" + suffix, false);
            benchmarkRedis(records, batchSize, "flume-bench-" + suffix, true);
        }
    }

    private static void benchmarkRabbitMq(List<SinkRecord> records, int batchSize, String name, boolean persistent)
            throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri("amqp://guest:guest@127.0.0.1:5672/%2F");
        try (Connection admin = factory.newConnection("flume-bench-admin"); Channel channel = admin.createChannel()) {
            channel.exchangeDeclare(name, "topic", false);
            channel.queueDeclare(name, persistent, false, false, null);
            channel.queueBind(name, name, "#");
            Map<String, Object> settings = Map.of("uri", "amqp://guest:guest@127.0.0.1:5672/%2F", "exchange", name,
                    "persistent", persistent);
            try (Sink sink = new RabbitMqSinkFactory().create(new ConnectorSettings("bench", settings))) {
                sink.open();
                String label = persistent ? "rabbitmq persistent, durable queue" : "rabbitmq transient, non-durable queue";
                run(label, sink, records, batchSize, () -> channel.queuePurge(name));
            } finally {
                channel.queueDelete(name);
                channel.exchangeDelete(name);
            }
        }
    }

    private static void benchmarkRedis(List<SinkRecord> records, int batchSize, String name, boolean dedupe)
            throws Exception {
        Map<String, Object> settings = Map.of("uri", "redis://127.0.0.1:6379", "stream-key", name, "dedupe", dedupe);
        try (Jedis redis = new Jedis("127.0.0.1", 6379);
                Sink sink = new RedisStreamSinkFactory().create(new ConnectorSettings("bench", settings))) {
            sink.open();
            // Deleting the offsets hash too lets dedupe add every round's records again.
            run("redis-stream" + (dedupe ? " dedupe" : ""), sink, records, batchSize,
                    () -> redis.del(name, name + ":flume-offsets"));
        }
    }

    private static void run(String label, Sink sink, List<SinkRecord> records, int batchSize, Cleanup cleanup)
            throws Exception {
        write(sink, records.subList(0, WARM_UP_RECORDS), batchSize);
        cleanup.run();
        List<String> rates = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            write(sink, records, batchSize);
            double seconds = (System.nanoTime() - start) / 1e9;
            rates.add(String.format(Locale.ROOT, "%.0f", records.size() / seconds));
            cleanup.run();
        }
        System.out.printf(Locale.ROOT, "%s | batch %d | records/s per round: %s%n", label, batchSize, String.join(", ", rates));
    }

    private static void write(Sink sink, List<SinkRecord> records, int batchSize) throws SinkException {
        for (int from = 0; from < records.size(); from += batchSize) {
            WriteResult result = sink.write(records.subList(from, Math.min(from + batchSize, records.size())));
            if (!result.isAllWritten()) {
                throw new IllegalStateException("the benchmark's write failed: " + result.failures());
            }
        }
    }

    /** Returns records of about 200 bytes of JSON each, with two headers, across 3 partitions. */
    private static List<SinkRecord> records(int count) {
        List<SinkRecord> records = new ArrayList<>(count);
        for (int offset = 0; offset < count; offset++) {
            String value = String.format(Locale.ROOT,
                    "{\"order\":%d,\"customer\":\"c-%05d\",\"items\":[{\"sku\":\"A-%d\",\"qty\":%d,\"price\":%d.95}],"
                            + "\"total\":%d.95,\"currency\":\"EUR\",\"placed_at\":\"2026-12-04T10:%02d:%02dZ\"}",
                    offset, offset % 50_000, offset % 977, 1 + offset % 5, offset % 90, offset % 450, offset / 60 % 60,
                    offset % 60);
            RecordHeaders headers = new RecordHeaders();
            headers.add("trace-id", ("trace-" + offset).getBytes(StandardCharsets.UTF_8));
            records.add(new SinkRecord("orders", ("c-" + offset % 50_000).getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8), headers, 1_760_000_000_000L + offset,
                    "orders.paid", offset % 3, offset));
        }
        return records;
    }

    @FunctionalInterface
    private interface Cleanup {
        void run() throws Exception;
    }
}
