package io.flume.runtime.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerTest {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
        System.out.println("Embedded broker started in " + broker.startupTime().toMillis() + " ms");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void listensOnLoopback() {
        assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.brokerPort());
        assertThat(broker.controllerPort()).isNotEqualTo(broker.brokerPort());
        assertThat(broker.startupTime()).isPositive();
    }

    @Test
    void createTopicsIsIdempotent() throws Exception {
        broker.createTopics(Map.of("idempotent", 3));
        broker.createTopics(Map.of("idempotent", 3, "idempotent-other", 1));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get();
            assertThat(names).contains("idempotent", "idempotent-other");
            int partitions = admin.describeTopics(Set.of("idempotent")).allTopicNames().get()
                    .get("idempotent").partitions().size();
            assertThat(partitions).isEqualTo(3);
        }
    }

    @Test
    void producesAndConsumesThousandRecords() {
        String topic = "thousand";
        broker.createTopics(Map.of(topic, 2));

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps())) {
            for (int i = 0; i < 1000; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 10), "value-" + i));
            }
            producer.flush();
        }

        List<ConsumerRecord<String, String>> received = consumeAll(topic, 1000, "read_uncommitted");

        assertThat(received).hasSize(1000);
        assertThat(received).extracting(ConsumerRecord::value).doesNotHaveDuplicates();
    }

    @Test
    void transactionalProducerCommits() {
        String topic = "transactional";
        broker.createTopics(Map.of(topic, 1));
        Properties props = producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "flume-test-" + UUID.randomUUID());

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "b", "committed"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> received = consumeAll(topic, 1, "read_committed");

        assertThat(received).extracting(ConsumerRecord::value).containsExactly("committed");
    }

    @Test
    void restartKeepsTopicsAndPorts() throws Exception {
        try (EmbeddedKafkaBroker own = EmbeddedKafkaBroker.start()) {
            String before = own.bootstrapServers();
            own.createTopics(Map.of("kept", 1));

            own.restart();

            assertThat(own.bootstrapServers()).isEqualTo(before);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, own.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains("kept");
            }
        }
    }

    @Test
    void closeDeletesTemporaryDirectory() {
        EmbeddedKafkaBroker own = EmbeddedKafkaBroker.start();
        Path dir = own.dataDir();
        assertThat(dir).isDirectory();

        own.close();

        assertThat(Files.exists(dir)).isFalse();
        assertThat(own.isRunning()).isFalse();
        assertThatThrownBy(own::bootstrapServers).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not running");
    }

    @Test
    void namedDataDirSurvivesClose(@org.junit.jupiter.api.io.TempDir Path tempDir) {
        Path dir = tempDir.resolve("broker");
        EmbeddedKafkaBroker own = EmbeddedKafkaBroker.builder().dataDir(dir).start();

        own.close();

        assertThat(dir.resolve("kraft-logs").resolve("meta.properties")).exists();
    }

    private static Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String topic, int expected, String isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        return received;
    }
}
