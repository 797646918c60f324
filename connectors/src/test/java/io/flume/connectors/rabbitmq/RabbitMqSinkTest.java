package io.flume.connectors.rabbitmq;

import static io.flume.connectors.testing.TestRecords.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import io.flume.connectors.ConnectorSettings;
import io.flume.connectors.Sink;
import io.flume.connectors.SinkException;
import io.flume.connectors.SinkFactory;
import io.flume.connectors.WriteResult;
import io.flume.connectors.testing.TcpProxy;
import io.flume.connectors.testing.TestRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the rabbitmq sink against the machine's RabbitMQ on 127.0.0.1:5672 (guest/guest). */
class RabbitMqSinkTest {

    private static final String BROKER = "amqp://guest:guest@127.0.0.1:5672/%2F";

    private Connection admin;
    private Channel adminChannel;
    private String exchange;
    private String queue;
    private final ConcurrentLinkedQueue<Delivery> received = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void declareExchangeAndQueue() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(BROKER);
        admin = factory.newConnection("flume-test-admin");
        adminChannel = admin.createChannel();
        exchange = "flume-test-" + TestRecords.uniqueSuffix();
        adminChannel.exchangeDeclare(exchange, "topic", false);
        queue = adminChannel.queueDeclare("", false, true, true, null).getQueue();
        adminChannel.queueBind(queue, exchange, "#");
        adminChannel.basicQos(2_000);
        adminChannel.basicConsume(queue, true, (tag, delivery) -> received.add(delivery), tag -> { });
    }

    @AfterEach
    void deleteExchangeAndQueue() throws Exception {
        adminChannel.queueDelete(queue);
        adminChannel.exchangeDelete(exchange);
        admin.close();
    }

    @Test
    void deliversTenThousandRecordsOnceEach() throws Exception {
        try (Sink sink = sink(Map.of("routing-key", "{stream}.{key}"))) {
            sink.open();
            for (int from = 0; from < 10_000; from += 500) {
                WriteResult result = sink.write(batch(from, from + 500));
                assertThat(result.failures()).isEmpty();
            }
        }

        List<Delivery> deliveries = awaitDeliveries(10_000);
        Set<String> messageIds = new HashSet<>();
        for (Delivery delivery : deliveries) {
            messageIds.add(delivery.getProperties().getMessageId());
        }
        Set<String> expected = new HashSet<>();
        for (long offset = 0; offset < 10_000; offset++) {
            expected.add(TestRecords.position(offset));
        }
        assertThat(deliveries).hasSize(10_000);
        assertThat(messageIds).isEqualTo(expected);
    }

    @Test
    void mapsKeyHeadersAndPositionToTheMessage() throws Exception {
        try (Sink sink = sink(Map.of("routing-key", "{stream}.{key}"))) {
            sink.open();
            sink.write(batch(41, 43));
        }

        Delivery delivery = awaitDeliveries(2).get(1);
        AMQP.BasicProperties properties = delivery.getProperties();
        Map<String, Object> headers = properties.getHeaders();
        assertThat(new String(delivery.getBody(), StandardCharsets.UTF_8)).isEqualTo(new String(TestRecords.value(42), StandardCharsets.UTF_8));
        assertThat(delivery.getEnvelope().getRoutingKey()).isEqualTo("orders.k42");
        assertThat(properties.getMessageId()).isEqualTo("orders.paid-0-42");
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getDeliveryMode()).isEqualTo(2);
        assertThat(properties.getTimestamp().getTime() / 1000).isEqualTo((TestRecords.TIMESTAMP + 42) / 1000);
        assertThat(headers.get("flume.key")).hasToString("k42");
        assertThat(headers.get("flume.stream")).hasToString("orders");
        assertThat(headers.get("flume.topic")).hasToString("orders.paid");
        assertThat(headers.get("flume.partition")).isEqualTo(0);
        assertThat(headers.get("flume.offset")).isEqualTo(42L);
        assertThat(headers.get("trace-id")).hasToString("trace-42");
        assertThat(headers.get("binary")).isEqualTo(new byte[] {(byte) 0xff, (byte) 0xfe});
    }

    @Test
    void unroutableMessageFailsPermanently() throws Exception {
        String unbound = exchange + "-unbound";
        adminChannel.exchangeDeclare(unbound, "direct", false);
        try (Sink sink = sink(Map.of("exchange", unbound))) {
            sink.open();
            WriteResult result = sink.write(batch(0, 3));

            assertThat(result.failures()).containsOnlyKeys(0, 1, 2);
            assertThat(result.failures().get(1).isTransient()).isFalse();
            assertThat(result.failures().get(1)).hasMessageContaining("unroutable").hasMessageContaining(unbound);
        } finally {
            adminChannel.exchangeDelete(unbound);
        }
    }

    @Test
    void nackedMessagesFailTransiently() throws Exception {
        String limited = exchange + "-limited";
        adminChannel.exchangeDeclare(limited, "fanout", false);
        String full = adminChannel.queueDeclare("", false, true, true,
                Map.of("x-max-length", 5, "x-overflow", "reject-publish")).getQueue();
        adminChannel.queueBind(full, limited, "");
        try (Sink sink = sink(Map.of("exchange", limited))) {
            sink.open();
            WriteResult result = sink.write(batch(0, 8));

            assertThat(result.failures()).containsOnlyKeys(5, 6, 7);
            assertThat(result.failures().get(5).isTransient()).isTrue();
            assertThat(result.failures().get(5)).hasMessageContaining("nacked");
        } finally {
            adminChannel.queueDelete(full);
            adminChannel.exchangeDelete(limited);
        }
    }

    @Test
    void unroutableMessageIsDroppedWithoutMandatory() throws Exception {
        String unbound = exchange + "-unbound";
        adminChannel.exchangeDeclare(unbound, "direct", false);
        try (Sink sink = sink(Map.of("exchange", unbound, "mandatory", "false"))) {
            sink.open();

            assertThat(sink.write(batch(0, 3)).isAllWritten()).isTrue();
        } finally {
            adminChannel.exchangeDelete(unbound);
        }
    }

    @Test
    void missingExchangeFailsAtOpen() {
        Sink sink = sink(Map.of("exchange", exchange + "-missing"));

        assertThatThrownBy(sink::open)
                .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("exchange '" + exchange + "-missing' does not exist")
                .hasMessageContaining("rabbitmqadmin declare exchange");
        sink.close();
    }

    @Test
    void declareExchangeCreatesDurableExchange() throws Exception {
        String declared = exchange + "-declared";
        try (Sink sink = sink(Map.of("exchange", declared, "declare-exchange", "fanout"))) {
            sink.open();
            adminChannel.queueBind(queue, declared, "");

            assertThat(sink.write(batch(0, 5)).isAllWritten()).isTrue();
            assertThat(awaitDeliveries(5)).hasSize(5);
            // The broker rejects this declare (and closes the channel) unless the sink declared a durable fanout.
            adminChannel.exchangeDeclare(declared, "fanout", true);
        } finally {
            adminChannel.exchangeDelete(declared);
        }
    }

    @Test
    void declareExchangeAcceptsEqualExchange() throws Exception {
        String declared = exchange + "-durable";
        adminChannel.exchangeDeclare(declared, "topic", true);
        adminChannel.queueBind(queue, declared, "#");
        try (Sink sink = sink(Map.of("exchange", declared, "declare-exchange", "topic"))) {
            sink.open();

            assertThat(sink.write(batch(0, 3)).isAllWritten()).isTrue();
            assertThat(awaitDeliveries(3)).hasSize(3);
        } finally {
            adminChannel.exchangeDelete(declared);
        }
    }

    @Test
    void declareExchangeRejectsOtherTypeAtOpen() {
        Sink sink = sink(Map.of("declare-exchange", "direct"));

        assertThatThrownBy(sink::open)
                .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("exchange '" + exchange + "' exists")
                .hasMessageContaining("inequivalent arg")
                .hasMessageContaining("remove 'declare-exchange'");
        sink.close();
    }

    @Test
    void declareExchangeRecreatesDeletedExchange() throws Exception {
        String declared = exchange + "-recreated";
        try (Sink sink = sink(Map.of("exchange", declared, "declare-exchange", "topic", "mandatory", "false"))) {
            sink.open();
            adminChannel.exchangeDelete(declared);

            assertThatThrownBy(() -> sink.write(batch(0, 10)))
                    .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.isTransient()).isTrue());
            assertThat(sink.write(batch(0, 10)).isAllWritten()).as("written after the reconnect declared the exchange").isTrue();
            adminChannel.queueBind(queue, declared, "#");
            assertThat(sink.write(batch(10, 20)).isAllWritten()).isTrue();
        } finally {
            adminChannel.exchangeDelete(declared);
        }

        assertThat(awaitDeliveries(10)).as("the records written once the queue was bound").hasSize(10);
    }

    @Test
    void declareExchangeRejectsUnknownType() {
        assertThatThrownBy(() -> sink(Map.of("declare-exchange", "x-delayed")))
                .isInstanceOf(ConnectorSettings.InvalidSettingException.class)
                .hasMessageContaining("'declare-exchange' must be one of direct, fanout, topic, headers")
                .hasMessageContaining("x-delayed");
    }

    @Test
    void unreachableBrokerFailsFastAtOpen() throws Exception {
        int port = TcpProxy.freePort();
        Sink sink = sink(Map.of("uri", "amqp://guest:secret@127.0.0.1:" + port, "connect-timeout", "2s"));

        long start = System.nanoTime();
        assertThatThrownBy(sink::open)
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("cannot connect to RabbitMQ at amqp://guest:***@127.0.0.1:" + port)
                .hasMessageNotContaining("secret");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        sink.close();
    }

    @Test
    void lostConnectionIsTransientAndRecovers() throws Exception {
        try (TcpProxy proxy = new TcpProxy(5672);
                Sink sink = sink(Map.of("uri", "amqp://guest:guest@127.0.0.1:" + proxy.port(), "confirm-timeout", "5s"))) {
            sink.open();
            assertThat(sink.write(batch(0, 100)).isAllWritten()).isTrue();

            proxy.cut();
            assertThatThrownBy(() -> sink.write(batch(100, 200)))
                    .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.isTransient()).isTrue());
            assertThatThrownBy(() -> sink.write(batch(100, 200)))
                    .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("cannot connect");

            proxy.restore();
            assertThat(sink.write(batch(100, 200)).isAllWritten()).isTrue();
        }

        Set<String> messageIds = new HashSet<>();
        for (Delivery delivery : awaitDeliveries(200)) {
            messageIds.add(delivery.getProperties().getMessageId());
        }
        assertThat(messageIds).hasSize(200);
    }

    @Test
    void missingConfirmsTimeOutTransiently() throws Exception {
        try (TcpProxy proxy = new TcpProxy(5672);
                Sink sink = sink(Map.of("uri", "amqp://guest:guest@127.0.0.1:" + proxy.port(), "confirm-timeout", "1s"))) {
            sink.open();

            proxy.freeze();
            assertThatThrownBy(() -> sink.write(batch(0, 10)))
                    .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("did not confirm the batch within");

            proxy.restore();
            assertThat(sink.write(batch(0, 10)).isAllWritten()).isTrue();
        }
    }

    @Test
    void deletedExchangeIsTransientUntilDeclaredAgain() throws Exception {
        try (Sink sink = sink(Map.of())) {
            sink.open();
            adminChannel.exchangeDelete(exchange);

            assertThatThrownBy(() -> sink.write(batch(0, 10)))
                    .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.isTransient()).isTrue());
            assertThatThrownBy(() -> sink.write(batch(0, 10)))
                    .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("does not exist");

            adminChannel.exchangeDeclare(exchange, "topic", false);
            adminChannel.queueBind(queue, exchange, "#");
            assertThat(sink.write(batch(0, 10)).isAllWritten()).isTrue();
        }

        assertThat(awaitDeliveries(10)).hasSize(10);
    }

    @Test
    void factoryIsFoundByType() {
        Map<String, SinkFactory> factories = new HashMap<>();
        ServiceLoader.load(SinkFactory.class).forEach(factory -> factories.put(factory.type(), factory));

        assertThat(factories.get("rabbitmq")).isInstanceOf(RabbitMqSinkFactory.class);
    }

    @Test
    void everyDocumentedSettingIsRead() {
        Map<String, Object> values = Map.of("uri", BROKER, "exchange", "orders", "routing-key", "{key}",
                "persistent", false, "mandatory", false, "content-type", "text/plain", "confirm-timeout", "5s",
                "connect-timeout", "2s", "declare-exchange", "topic", "exchnage", "typo");
        ConnectorSettings settings = new ConnectorSettings("orders-to-rabbit", values);

        new RabbitMqSinkFactory().create(settings).close();

        assertThat(settings.unreadKeys()).containsExactly("exchnage");
    }

    @Test
    void unknownPlaceholderIsRejected() {
        assertThatThrownBy(() -> sink(Map.of("routing-key", "{stream}.{colour}")))
                .isInstanceOf(ConnectorSettings.InvalidSettingException.class)
                .hasMessageContaining("'routing-key'")
                .hasMessageContaining("{colour}");
    }

    private Sink sink(Map<String, String> overrides) {
        Map<String, Object> values = new HashMap<>();
        values.put("uri", BROKER);
        values.put("exchange", exchange);
        values.putAll(overrides);
        return new RabbitMqSinkFactory().create(new ConnectorSettings("orders-to-rabbit", values));
    }

    /** Waits at most 30 s for {@code count} deliveries, then for a moment more to catch extra ones. */
    private List<Delivery> awaitDeliveries(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        return List.copyOf(received);
    }
}
