package io.flume.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.api.Channel;
import io.flume.api.ChannelRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderWorkersTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT_LIMIT = Duration.ofSeconds(10);
    private static final Duration IDLE_WAIT = Duration.ofMillis(20);

    private OrderWorkers workers;

    @AfterEach
    void stopWorkers() throws InterruptedException {
        if (workers != null) {
            workers.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void workersTakeEveryOrderOnce() throws Exception {
        Flume<ObjectNode> flume = new OrderComponents().create();
        fill(flume.getChannel("orders.high").orElseThrow(), "high", 30);
        fill(flume.getChannel("orders.low").orElseThrow(), "low", 300);
        fill(flume.getChannel("orders.errors").orElseThrow(), "error", 20);
        fill(flume.getChannel("audit").orElseThrow(), "audit", 100);
        fill(flume.getChannel("analytics").orElseThrow(), "analytics", 50);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());

        workers = OrderWorkers.start(flume, 3, (channel, record) -> seen.add(channel + "/" + record.key()));
        awaitTrue(() -> workers.handledCount() == 500);

        assertThat(seen).hasSize(500).doesNotHaveDuplicates();
        assertThat(workers.handledCount("orders.high")).isEqualTo(30);
        assertThat(workers.handledCount("orders.low")).isEqualTo(300);
        assertThat(workers.handledCount("orders.errors")).isEqualTo(20);
        assertThat(workers.handledCount("audit")).isEqualTo(100);
        assertThat(workers.handledCount("analytics")).isEqualTo(50);
        assertThat(workers.failedCount()).isZero();
        assertThat(flume.getChannel("orders.low").orElseThrow().takenCount()).isEqualTo(300);
    }

    @Test
    void workersServeChannelsInPriorityOrder() throws Exception {
        Channel<ObjectNode> high = Channel.bounded(10);
        Channel<ObjectNode> low = Channel.bounded(100);
        fill(low, "low", 5);
        fill(high, "high", 5);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());

        workers = OrderWorkers.start(channels(high, low), 1, IDLE_WAIT, (channel, record) -> seen.add(channel));
        awaitTrue(() -> workers.handledCount() == 10);

        assertThat(seen).containsExactly("high", "high", "high", "high", "high", "low", "low", "low", "low", "low");
    }

    @Test
    void highPriorityOrderOvertakesLowBacklog() throws Exception {
        Channel<ObjectNode> high = Channel.bounded(10);
        Channel<ObjectNode> low = Channel.bounded(100);
        fill(low, "low", 50);
        CountDownLatch firstLowTaken = new CountDownLatch(1);
        CountDownLatch highOffered = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());

        workers = OrderWorkers.start(channels(high, low), 1, IDLE_WAIT, (channel, record) -> {
            seen.add(channel + "/" + record.key());
            firstLowTaken.countDown();
            highOffered.await(WAIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        });
        assertThat(firstLowTaken.await(WAIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        offer(high, "urgent");
        highOffered.countDown();
        awaitTrue(() -> workers.handledCount() == 51);

        assertThat(seen.get(0)).isEqualTo("low/low-0");
        assertThat(seen.get(1)).isEqualTo("high/urgent");
        assertThat(seen).hasSize(51);
    }

    @Test
    void noMoreHandlersRunThanWorkers() throws Exception {
        Channel<ObjectNode> channel = Channel.bounded(100);
        fill(channel, "order", 40);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();

        workers = OrderWorkers.start(channels(channel), 2, IDLE_WAIT, (name, record) -> {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            Thread.sleep(5);
            running.decrementAndGet();
        });
        awaitTrue(() -> workers.handledCount() == 40);

        assertThat(maxRunning.get()).isBetween(1, 2);
    }

    @Test
    void failingHandlerIsCounted() throws Exception {
        Channel<ObjectNode> channel = Channel.bounded(100);
        fill(channel, "order", 10);
        Set<Object> handledKeys = Collections.synchronizedSet(new HashSet<>());

        workers = OrderWorkers.start(channels(channel), 1, IDLE_WAIT, (name, record) -> {
            handledKeys.add(record.key());
            if (record.key().equals("order-3") || record.key().equals("order-7")) {
                throw new IllegalStateException("warehouse unavailable for " + record.key());
            }
        });
        awaitTrue(() -> workers.handledCount() == 10);

        assertThat(workers.failedCount()).isEqualTo(2);
        assertThat(handledKeys).hasSize(10);
    }

    @Test
    void stopDrainsQueuedOrdersWithinGrace() throws Exception {
        Channel<ObjectNode> channel = Channel.bounded(100);
        fill(channel, "order", 60);
        OrderWorkers pool = OrderWorkers.start(channels(channel), 2, IDLE_WAIT, (name, record) -> Thread.sleep(1));

        boolean drained = pool.stop(WAIT_LIMIT);

        assertThat(drained).isTrue();
        assertThat(pool.isTerminated()).isTrue();
        assertThat(pool.handledCount()).isEqualTo(60);
        assertThat(channel.depth()).isZero();
    }

    @Test
    void stopInterruptsWorkersAfterGrace() throws Exception {
        Channel<ObjectNode> channel = Channel.bounded(100);
        fill(channel, "order", 5);
        CountDownLatch started = new CountDownLatch(1);
        OrderWorkers pool = OrderWorkers.start(channels(channel), 1, IDLE_WAIT, (name, record) -> {
            started.countDown();
            new CountDownLatch(1).await();   // blocks until interrupted
        });
        assertThat(started.await(WAIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        long begin = System.nanoTime();
        boolean drained = pool.stop(Duration.ofMillis(100));
        Duration took = Duration.ofNanos(System.nanoTime() - begin);

        assertThat(drained).isFalse();
        assertThat(pool.isTerminated()).isTrue();
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(pool.failedCount()).isEqualTo(1);
        assertThat(channel.depth()).isEqualTo(4);
    }

    @Test
    void closeDrainsQueuedOrders() throws Exception {
        Channel<ObjectNode> channel = Channel.bounded(100);
        fill(channel, "order", 25);
        OrderWorkers pool;

        try (OrderWorkers started = OrderWorkers.start(channels(channel), 2, IDLE_WAIT, (name, record) -> { })) {
            pool = started;
        }

        assertThat(pool.isTerminated()).isTrue();
        assertThat(pool.handledCount()).isEqualTo(25);
    }

    @Test
    void idleWorkersStopPromptly() throws Exception {
        OrderWorkers pool = OrderWorkers.start(channels(Channel.bounded(10)), 4, IDLE_WAIT, (name, record) -> { });

        assertThat(pool.stop(Duration.ofSeconds(2))).isTrue();
        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    void startRejectsInvalidArguments() {
        Map<String, Channel<ObjectNode>> some = channels(Channel.bounded(1));

        assertThatThrownBy(() -> OrderWorkers.start(some, 0, IDLE_WAIT, (name, record) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers must be at least 1, got 0");
        assertThatThrownBy(() -> OrderWorkers.start(Map.of(), 1, IDLE_WAIT, (name, record) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no channels");
        assertThatThrownBy(() -> OrderWorkers.start(some, 1, Duration.ZERO, (name, record) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idleWait must be positive");
    }

    @Test
    void startRejectsRegistryWithoutOrderChannels() {
        Flume<ObjectNode> empty = Flume.builder(ObjectNode.class).build();

        assertThatThrownBy(() -> OrderWorkers.start(empty, 1, (name, record) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel 'orders.high' is not registered");
    }

    @Test
    void registryChannelsKeepDeclaredOrder() throws Exception {
        workers = OrderWorkers.start(new OrderComponents().create(), 1, (name, record) -> { });

        assertThat(workers.channelNames())
                .containsExactly("orders.high", "orders.errors", "orders.payment-failed", "orders.low", "audit", "analytics");
    }

    /** Returns the channels named "high", "low" or "orders" in the given priority order. */
    @SafeVarargs
    private static Map<String, Channel<ObjectNode>> channels(Channel<ObjectNode>... channels) {
        List<String> names = channels.length == 1 ? List.of("orders") : List.of("high", "low");
        Map<String, Channel<ObjectNode>> byName = new LinkedHashMap<>();
        for (int i = 0; i < channels.length; i++) {
            byName.put(names.get(i), channels[i]);
        }
        return byName;
    }

    private static void fill(Channel<ObjectNode> channel, String prefix, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            offer(channel, prefix + "-" + i);
        }
    }

    private static void offer(Channel<ObjectNode> channel, String key) throws InterruptedException {
        ObjectNode order = MAPPER.createObjectNode().put("id", key).put("total", 10.0);
        ChannelRecord<ObjectNode> record = new ChannelRecord<>(key, order, new RecordHeaders(), 0L, null, -1, -1L);
        assertThat(channel.offer(record, Duration.ZERO)).as("room in channel for " + key).isTrue();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + WAIT_LIMIT);
            }
            Thread.sleep(5);
        }
    }
}
