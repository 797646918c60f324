package io.flume.connectors;

import static io.flume.connectors.ConnectorTestSupport.assertAllDelivered;
import static io.flume.connectors.ConnectorTestSupport.await;
import static io.flume.connectors.ConnectorTestSupport.config;
import static io.flume.connectors.ConnectorTestSupport.idOf;
import static io.flume.connectors.ConnectorTestSupport.produce;
import static io.flume.connectors.ConnectorTestSupport.start;
import static io.flume.connectors.ConnectorTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import io.flume.runtime.broker.EmbeddedKafkaBroker;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConnectorConfig;
import io.flume.runtime.config.ConnectorConfig.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Runs the rabbitmq and redis-stream sinks through the connector runner: from a topic of the
 * embedded Kafka broker to the machine's RabbitMQ (127.0.0.1:5672) and Redis (127.0.0.1:6379).
 */
class MqConnectorsTest {

    private static final String RABBIT = "amqp://guest:guest@127.0.0.1:5672/%2F";
    private static final int RECORDS = 10_000;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void rabbitMqConnectorDeliversEveryRecord() throws Exception {
        String topic = unique("orders.paid");
        broker.createTopics(Map.of(topic, 3));
        produce(broker.bootstrapServers(), topic, 0, RECORDS);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(RABBIT);
        String exchange = unique("flume-test-orders");
        ConcurrentLinkedQueue<Delivery> received = new ConcurrentLinkedQueue<>();
        try (Connection admin = factory.newConnection("flume-test-admin"); Channel channel = admin.createChannel()) {
            channel.exchangeDeclare(exchange, "topic", false);
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, exchange, "#");
            channel.basicConsume(queue, true, (tag, delivery) -> received.add(delivery), tag -> { });
            AppConfig config = config(unique("to-rabbit"), ConnectorConfig.of("orders-to-rabbit", topic, "rabbitmq",
                    Source.TOPIC, Map.of("uri", RABBIT, "exchange", exchange, "batch-size", "500")));

            Connectors connectors = start(config, broker.bootstrapServers());
            try {
                await("10,000 messages received", Duration.ofSeconds(40), () -> received.size() >= RECORDS);
                await("10,000 records acknowledged", Duration.ofSeconds(10),
                        () -> connectors.metrics().get("orders-to-rabbit").written() >= RECORDS);
            } finally {
                connectors.stop(Duration.ofSeconds(5));
                channel.queueDelete(queue);
                channel.exchangeDelete(exchange);
            }
        }

        List<Integer> ids = new ArrayList<>();
        for (Delivery delivery : received) {
            ids.add(idOf(new String(delivery.getBody(), StandardCharsets.UTF_8)));
            assertThat(delivery.getProperties().getMessageId()).startsWith(topic + "-");
        }
        assertThat(assertAllDelivered(ids, RECORDS)).as("duplicates in a run without failures").isZero();
        ConnectorTestSupport.assertNoThreadsLeft("orders-to-rabbit");
    }

    @Test
    void redisStreamConnectorDeliversEveryRecord() throws Exception {
        String topic = unique("orders.paid");
        broker.createTopics(Map.of(topic, 3));
        produce(broker.bootstrapServers(), topic, 0, RECORDS);
        String key = unique("flume-test-orders");
        AppConfig config = config(unique("to-redis"), ConnectorConfig.of("orders-to-redis", topic, "redis-stream",
                Source.TOPIC, Map.of("uri", "redis://127.0.0.1:6379", "stream-key", key, "batch-size", "1000")));

        List<StreamEntry> entries;
        try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
            Connectors connectors = start(config, broker.bootstrapServers());
            try {
                await("10,000 records acknowledged", Duration.ofSeconds(40),
                        () -> connectors.metrics().get("orders-to-redis").written() >= RECORDS);
                entries = redis.xrange(key, "-", "+");
            } finally {
                connectors.stop(Duration.ofSeconds(5));
                redis.del(key);
            }
        }

        List<Integer> ids = new ArrayList<>();
        for (StreamEntry entry : entries) {
            ids.add(idOf(entry.getFields().get("value")));
            assertThat(entry.getFields().get("source")).startsWith(topic + "-");
        }
        assertThat(assertAllDelivered(ids, RECORDS)).as("duplicates in a run without failures").isZero();
        ConnectorTestSupport.assertNoThreadsLeft("orders-to-redis");
    }
}
