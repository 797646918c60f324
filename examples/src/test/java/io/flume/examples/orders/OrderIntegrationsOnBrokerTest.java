package io.flume.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import io.flume.app.FlumeApplication;
import io.flume.app.InputFile;
import io.flume.config.ConfigLoader;
import io.flume.connectors.ConnectorMetrics;
import io.flume.connectors.Connectors;
import io.flume.runtime.app.StreamsRunner;
import io.flume.runtime.config.AppConfig;
import io.flume.schema.SchemaParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Runs the orders example with {@code flume-integrations.yaml} on the embedded broker, as
 * {@code flume run} does, and reads back what its connectors forwarded to the machine's RabbitMQ
 * (127.0.0.1:5672) and Redis (127.0.0.1:6379). Each must contain exactly the records of its stream's
 * topic. The exchange, the queue and the Redis stream get random names, set through the config's
 * environment variables, and are deleted afterwards.
 */
class OrderIntegrationsOnBrokerTest {

    private static final Path EXAMPLE = Path.of("orders");
    private static final String RABBITMQ_URI = "amqp://guest:guest@127.0.0.1:5672/%2F";
    private static final String RABBIT_CONNECTOR = "high-to-order-desk";
    private static final String REDIS_CONNECTOR = "analytics-to-dashboards";
    /** The records each stream receives from the sample data, as {@code scripts/expected_routes.py} counts them. */
    private static final int HIGH_ORDERS = 24;
    private static final int ANALYTICS_RECORDS = 141;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void connectorsForwardExactlyTheStreamRecords() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String exchange = "flume-test-orders-" + suffix;
        String streamKey = "flume-test-orders.analytics-" + suffix;
        Map<String, String> environment = Map.of("ORDERS_EXCHANGE", exchange, "ANALYTICS_STREAM_KEY", streamKey);
        AppConfig config = ConfigLoader.load(EXAMPLE.resolve("flume-integrations.yaml"), environment).toBuilder()
                .shutdownGrace(Duration.ofSeconds(5))
                .build();
        var schema = SchemaParser.parse(EXAMPLE.resolve("pipeline.yaml"));

        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(RABBITMQ_URI);
        ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
        Map<String, String> highTopic;
        Map<String, String> analyticsTopic;
        List<StreamEntry> entries;
        Map<String, ConnectorMetrics.Snapshot> metrics;
        String queue = null;
        FlumeApplication<?> app = FlumeApplication.create(config, new OrderComponents(), schema);
        try (Connection admin = factory.newConnection("flume-test-admin");
                Channel channel = admin.createChannel();
                Jedis redis = new Jedis("127.0.0.1", 6379)) {
            try {
                StreamsRunner runner = app.start(false);
                // The sink declared the exchange when it opened, during start: bind the order desk's queue before any order.
                queue = channel.queueDeclare("", false, true, true, null).getQueue();
                channel.queueBind(queue, exchange, "orders.high.#");
                channel.basicConsume(queue, true, (tag, delivery) -> deliveries.add(delivery), tag -> { });

                long produced = app.produce(new InputFile(EXAMPLE.resolve("data/orders.jsonl"), "id")).produced();
                assertThat(app.awaitProcessed(produced, TIMEOUT, () -> { })).as("all orders processed in time").isTrue();
                highTopic = readTopic(runner.bootstrapServers(), config.streamTopic("orders.high"), HIGH_ORDERS);
                analyticsTopic = readTopic(runner.bootstrapServers(), config.streamTopic("analytics"), ANALYTICS_RECORDS);

                Connectors connectors = runner.extension(Connectors.class).orElseThrow();
                awaitTrue("RabbitMQ received every high-priority order", () -> deliveries.size() >= highTopic.size()
                        && connectors.metrics().get(RABBIT_CONNECTOR).written() >= highTopic.size());
                awaitTrue("Redis received every analytics record",
                        () -> connectors.metrics().get(REDIS_CONNECTOR).written() >= analyticsTopic.size());
                metrics = connectors.metrics();
                entries = redis.xrange(streamKey, "-", "+");
            } finally {
                app.close();
                if (queue != null) {
                    channel.queueDelete(queue);
                }
                channel.exchangeDelete(exchange);
                redis.del(streamKey);
            }
        }

        assertThat(highTopic).as("orders.high from the sample data").hasSize(HIGH_ORDERS);
        assertThat(analyticsTopic).as("analytics from the sample data").hasSize(ANALYTICS_RECORDS);
        assertForwarded(RABBIT_CONNECTOR, highTopic, rabbitMessages(deliveries), metrics);
        assertForwarded(REDIS_CONNECTOR, analyticsTopic, redisEntries(entries), metrics);
        for (Delivery delivery : deliveries) {
            String key = delivery.getProperties().getHeaders().get("flume.key").toString();
            assertThat(delivery.getEnvelope().getRoutingKey()).isEqualTo("orders.high." + key);
        }
    }

    /**
     * Checks that the target contains every record of the topic, by position, with its value, and
     * no other. The connectors deliver at least once, so copies are allowed only for writes that
     * were retried. A run without failures has none.
     */
    private static void assertForwarded(String connector, Map<String, String> topic, List<Forwarded> target,
            Map<String, ConnectorMetrics.Snapshot> metrics) {
        Map<String, String> byPosition = new HashMap<>();
        target.forEach(record -> byPosition.put(record.position(), record.value()));
        ConnectorMetrics.Snapshot snapshot = metrics.get(connector);

        assertThat(byPosition).as(connector + ": the forwarded records by position").isEqualTo(topic);
        assertThat(target.size() - byPosition.size()).as(connector + ": copies, at most one per retried write")
                .isLessThanOrEqualTo((int) snapshot.retried());
        assertThat(snapshot.deadLettered()).as(connector + ": records dead-lettered").isZero();
    }

    private static List<Forwarded> rabbitMessages(ConcurrentLinkedQueue<Delivery> deliveries) {
        return deliveries.stream()
                .map(delivery -> new Forwarded(delivery.getProperties().getMessageId(),
                        new String(delivery.getBody(), StandardCharsets.UTF_8)))
                .toList();
    }

    private static List<Forwarded> redisEntries(List<StreamEntry> entries) {
        return entries.stream()
                .map(entry -> new Forwarded(entry.getFields().get("source"), entry.getFields().get("value")))
                .toList();
    }

    /** Reads {@code topic} from the start to its end offsets and returns each value by its position {@code topic-partition-offset}. */
    private static Map<String, String> readTopic(String bootstrapServers, String topic, int expected) throws InterruptedException {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, String> records = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            // The stream topic may still be filling when the source records are processed, so read at least the expected count.
            while ((records.size() < expected || !atEnd(consumer, partitions)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.put(record.topic() + "-" + record.partition() + "-" + record.offset(), record.value());
                }
            }
        }
        return records;
    }

    private static boolean atEnd(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
    }

    private static void awaitTrue(String description, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as(description).isTrue();
    }

    /** A record as the target stores it: its source position and its value. */
    private record Forwarded(String position, String value) {
    }
}
