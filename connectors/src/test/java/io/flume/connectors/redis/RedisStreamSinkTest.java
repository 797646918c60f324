package io.flume.connectors.redis;

import static io.flume.connectors.testing.TestRecords.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.connectors.ConnectorSettings;
import io.flume.connectors.Sink;
import io.flume.connectors.SinkException;
import io.flume.connectors.SinkFactory;
import io.flume.connectors.SinkRecord;
import io.flume.connectors.WriteResult;
import io.flume.connectors.testing.PrivateRedis;
import io.flume.connectors.testing.TcpProxy;
import io.flume.connectors.testing.TestRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.StreamEntry;

/** Runs the redis-stream sink against the machine's Redis on 127.0.0.1:6379. */
class RedisStreamSinkTest {

    private static final String SERVER = "redis://127.0.0.1:6379";

    private Jedis redis;
    private String stream;

    @BeforeEach
    void connect() {
        redis = new Jedis("127.0.0.1", 6379);
        stream = "flume-test-" + TestRecords.uniqueSuffix();
    }

    @AfterEach
    void deleteKeys() {
        redis.del(stream, stream + StreamAppends.OFFSETS_SUFFIX, stream + ".orders", stream + ".orders" + StreamAppends.OFFSETS_SUFFIX);
        redis.close();
    }

    @Test
    void addsTenThousandRecordsOnceEach() throws Exception {
        try (Sink sink = sink(Map.of())) {
            sink.open();
            for (int from = 0; from < 10_000; from += 1_000) {
                assertThat(sink.write(batch(from, from + 1_000)).failures()).isEmpty();
            }
        }

        List<StreamEntry> entries = readAll(stream);
        Set<String> positions = new HashSet<>();
        for (StreamEntry entry : entries) {
            positions.add(entry.getFields().get("source"));
        }
        Set<String> expected = new HashSet<>();
        for (long offset = 0; offset < 10_000; offset++) {
            expected.add(TestRecords.position(offset));
        }
        assertThat(redis.xlen(stream)).isEqualTo(10_000);
        assertThat(positions).isEqualTo(expected);
    }

    @Test
    void defaultFieldsAreKeyValueAndSource() throws Exception {
        try (Sink sink = sink(Map.of())) {
            sink.open();
            sink.write(batch(7, 8));
        }

        Map<String, String> fields = readAll(stream).get(0).getFields();
        assertThat(fields).containsOnlyKeys("key", "value", "source");
        assertThat(fields.get("key")).isEqualTo("k7");
        assertThat(fields.get("value")).isEqualTo("{\"order\":7,\"total\":7.5}");
        assertThat(fields.get("source")).isEqualTo("orders.paid-1-7");
    }

    @Test
    void fieldsSettingMapsRecordParts() throws Exception {
        Map<String, Object> fields = Map.of("id", "key", "payload", "value", "trace", "header:trace-id",
                "offset", "offset", "at", "timestamp", "missing", "header:absent");
        try (Sink sink = sink(Map.of("fields", fields, "stream-key", stream + ".{stream}"))) {
            sink.open();
            sink.write(batch(5, 6));
        }

        Map<String, String> entry = readAll(stream + ".orders").get(0).getFields();
        assertThat(entry).containsOnlyKeys("id", "payload", "trace", "offset", "at");
        assertThat(entry.get("id")).isEqualTo("k5");
        assertThat(entry.get("trace")).isEqualTo("trace-5");
        assertThat(entry.get("offset")).isEqualTo("5");
        assertThat(entry.get("at")).isEqualTo(Long.toString(TestRecords.TIMESTAMP + 5));
    }

    @Test
    void everyDocumentedSettingIsRead() {
        Map<String, Object> values = Map.of("uri", SERVER, "password", "secret", "database", 2, "stream-key", "orders",
                "max-len", 10, "fields", Map.of("id", "key"), "dedupe", true, "timeout", "1s", "connect-timeout", "1s",
                "max-length", "typo");
        ConnectorSettings settings = new ConnectorSettings("orders-to-redis", values);

        new RedisStreamSinkFactory().create(settings).close();

        assertThat(settings.unreadKeys()).containsExactly("max-length");
    }

    @Test
    void unknownFieldPartIsRejected() {
        assertThatThrownBy(() -> sink(Map.of("fields", Map.of("id", "colour"))))
                .isInstanceOf(ConnectorSettings.InvalidSettingException.class)
                .hasMessageContaining("'fields.id'")
                .hasMessageContaining("colour");
    }

    @Test
    void maxLenTrimsApproximately() throws Exception {
        try (Sink sink = sink(Map.of("max-len", 1_000))) {
            sink.open();
            for (int from = 0; from < 10_000; from += 1_000) {
                sink.write(batch(from, from + 1_000));
            }
        }

        // MAXLEN ~ trims whole radix-tree nodes (100 entries each by default), so a few hundred extra remain.
        assertThat(redis.xlen(stream)).isBetween(1_000L, 2_000L);
        assertThat(readAll(stream).get(readAll(stream).size() - 1).getFields().get("source")).isEqualTo(TestRecords.position(9_999));
    }

    @Test
    void dedupeSkipsRecordsAlreadyAdded() throws Exception {
        try (Sink sink = sink(Map.of("dedupe", true, "max-len", 100_000))) {
            sink.open();
            assertThat(sink.write(batch(0, 600)).isAllWritten()).isTrue();
            assertThat(sink.write(batch(300, 900)).isAllWritten()).isTrue();
            assertThat(sink.write(batch(0, 900)).isAllWritten()).isTrue();
            sink.write(List.of(directChannelRecord(), directChannelRecord()));
        }

        List<String> positions = new ArrayList<>();
        for (StreamEntry entry : readAll(stream)) {
            positions.add(entry.getFields().get("source"));
        }
        assertThat(positions.subList(0, 900)).doesNotHaveDuplicates().contains(TestRecords.position(899));
        assertThat(positions).hasSize(902);
        assertThat(redis.hget(stream + StreamAppends.OFFSETS_SUFFIX, "orders.paid-2")).isEqualTo("899");
    }

    @Test
    void flushedDedupeScriptIsReloaded() throws Exception {
        try (PrivateRedis server = PrivateRedis.start();
                Jedis privateRedis = new Jedis("127.0.0.1", server.port());
                Sink sink = sink(Map.of("dedupe", true, "uri", "redis://127.0.0.1:" + server.port()))) {
            sink.open();
            privateRedis.scriptFlush();
            WriteResult flushed = sink.write(batch(0, 3));

            assertThat(flushed.failures()).containsOnlyKeys(0, 1, 2);
            assertThat(flushed.failures().get(0).isTransient()).isTrue();
            assertThat(flushed.failures().get(0)).hasMessageContaining("NOSCRIPT");
            assertThat(sink.write(batch(0, 3)).isAllWritten()).isTrue();
            assertThat(privateRedis.xlen(stream)).isEqualTo(3);
        }
    }

    @Test
    void keyOfAnotherTypeFailsPermanently() throws Exception {
        redis.set(stream, "not a stream");
        try (Sink sink = sink(Map.of())) {
            sink.open();
            WriteResult result = sink.write(batch(0, 2));

            assertThat(result.failures()).containsOnlyKeys(0, 1);
            assertThat(result.failures().get(0).isTransient()).isFalse();
            assertThat(result.failures().get(0)).hasMessageContaining("WRONGTYPE").hasMessageContaining(stream);
        }
    }

    @Test
    void unreachableServerFailsFastAtOpen() throws Exception {
        int port = TcpProxy.freePort();
        Sink sink = sink(Map.of("uri", "redis://:secret@127.0.0.1:" + port, "connect-timeout", "2s"));

        long start = System.nanoTime();
        assertThatThrownBy(sink::open)
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("cannot connect to Redis at redis://:***@127.0.0.1:" + port)
                .hasMessageContaining("Connection refused")
                .hasMessageNotContaining("secret");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        sink.close();
    }

    @Test
    void rejectedPasswordFailsPermanentlyAtOpen() {
        Sink sink = sink(Map.of("password", "not-the-password"));

        assertThatThrownBy(sink::open)
                .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("rejected the connection")
                .hasMessageNotContaining("not-the-password");
        sink.close();
    }

    @Test
    void lostConnectionIsTransientAndRecovers() throws Exception {
        try (TcpProxy proxy = new TcpProxy(6379);
                Sink sink = sink(Map.of("uri", "redis://127.0.0.1:" + proxy.port(), "timeout", "5s"))) {
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

        Set<String> positions = new HashSet<>();
        for (StreamEntry entry : readAll(stream)) {
            positions.add(entry.getFields().get("source"));
        }
        assertThat(positions).hasSize(200);
    }

    @Test
    void hungServerTimesOutTransiently() throws Exception {
        try (TcpProxy proxy = new TcpProxy(6379);
                Sink sink = sink(Map.of("uri", "redis://127.0.0.1:" + proxy.port(), "timeout", "1s"))) {
            sink.open();

            proxy.freeze();
            assertThatThrownBy(() -> sink.write(batch(0, 10)))
                    .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.isTransient()).isTrue());

            proxy.restore();
            assertThat(sink.write(batch(10, 20)).isAllWritten()).isTrue();
        }

        // The frozen XADDs reach Redis once the proxy forwards again, although the sink gave up on
        // their replies: that is why a retried batch may add entries twice.
        assertThat(redis.xlen(stream)).isBetween(10L, 20L);
    }

    @Test
    void factoryIsFoundByType() {
        Map<String, SinkFactory> factories = new HashMap<>();
        ServiceLoader.load(SinkFactory.class).forEach(factory -> factories.put(factory.type(), factory));

        assertThat(factories.get("redis-stream")).isInstanceOf(RedisStreamSinkFactory.class);
    }

    private Sink sink(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>();
        values.put("uri", SERVER);
        values.put("stream-key", stream);
        values.putAll(overrides);
        return new RedisStreamSinkFactory().create(new ConnectorSettings("orders-to-redis", values));
    }

    private List<StreamEntry> readAll(String key) {
        return redis.xrange(key, "-", "+");
    }

    private static SinkRecord directChannelRecord() {
        return new SinkRecord("orders", null, "{}".getBytes(StandardCharsets.UTF_8), new RecordHeaders(),
                TestRecords.TIMESTAMP, null, -1, -1);
    }
}
