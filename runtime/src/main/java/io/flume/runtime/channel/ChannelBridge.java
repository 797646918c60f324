package io.flume.runtime.channel;

import io.flume.runtime.errors.DeadLetterRecords;
import io.flume.runtime.errors.FlumeHeaders;
import io.flume.runtime.metrics.RateLimitedLogger;
import io.flume.api.Channel;
import io.flume.api.ChannelRecord;
import io.flume.api.OverflowPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link Channel} from its stream's topic: a consumer on its own thread reads the topic
 * (read-committed, so records of aborted transactions never reach the application) and offers
 * each record into the channel's queue.
 *
 * <p><b>Backpressure.</b> When the queue is full, the bridge pauses every partition assigned to it
 * and keeps the records it has already fetched, in order, until the application takes records and
 * there is room again. It then resumes the partitions. Nothing is dropped under the
 * {@link OverflowPolicy#BLOCK block} policy. Under {@link OverflowPolicy#DROP_OLDEST drop-oldest}
 * and {@link OverflowPolicy#DEAD_LETTER dead-letter}, once the record at the head has waited the
 * stream timeout (at once when there is none), the bridge removes the oldest queued record, or
 * sends the waiting record to the dead-letter topic with the {@code flume.error.*} and
 * {@code flume.source.*} headers and a {@value FlumeHeaders#CHANNEL} header naming the channel.
 * Each overflow is counted in {@link Channel#overflowCount()} and logged, rate-limited. A bridge
 * of a dead-letter channel needs a dead-letter topic: {@link Builder#build()} rejects one without.
 *
 * <p><b>Offsets.</b> Auto-commit is off. The bridge commits, per partition, the offset of the first
 * record the application has not finished with, that is not yet taken, or received and not yet
 * acknowledged. Acknowledgements may come in any order. Records that the policy dropped or dead-lettered count as finished.
 * Delivery is at least once: after a crash or a rebalance, records that were queued, or received
 * and not acknowledged, are read again.
 *
 * <p><b>Shutdown.</b> {@link #close(Duration)} stops fetching, waits up to the grace period for
 * the application to empty the queue and acknowledge what it received, commits what was finished
 * and closes the consumer. Records still queued or unacknowledged after the grace period are not
 * committed and are read again on the next start.
 *
 * <pre>{@code
 * ChannelBridge<ObjectNode> bridge = ChannelBridge.builder("alerts", channel)
 *         .topic("quake.alerts")
 *         .groupId("quake-alerts.channel.alerts")
 *         .consumerConfig(Map.of("bootstrap.servers", servers))
 *         .valueDeserializer(new JsonSerde<>(ObjectNode.class))
 *         .build();
 * bridge.start();
 * }</pre>
 *
 * @param <T> the channel's value type
 */
public final class ChannelBridge<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelBridge.class);

    /** How long {@link #close()} waits for the application to empty the queue. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(10);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DRAIN_POLL = Duration.ofMillis(50);
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(1);

    private enum State { NEW, RUNNING, DRAINING, CLOSED }

    private final String name;
    private final String topic;
    private final Channel<T> channel;
    private final String groupId;
    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final Deserializer<?> keyDeserializer;
    private final Deserializer<T> valueDeserializer;
    private final Duration streamTimeout;
    private final String deadLetterTopic;
    private final Duration pollTimeout;

    private final OffsetTracker offsets = new OffsetTracker();
    private final ArrayDeque<Pending<T>> pending = new ArrayDeque<>();
    private final RateLimitedLogger overflowLog = new RateLimitedLogger(LOG, Duration.ofSeconds(10));
    private final RateLimitedLogger problemLog = new RateLimitedLogger(LOG, Duration.ofSeconds(10));
    private final CountDownLatch firstAssignment = new CountDownLatch(1);
    private final AtomicLong pauses = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final Thread thread;

    private volatile long lag = -1;
    private long lagMeasuredAt;

    private volatile State state = State.NEW;
    private volatile boolean paused;
    private volatile long drainDeadline;
    private volatile Throwable failure;

    // Used by the bridge thread only: KafkaConsumer is not thread safe.
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;
    private long headBlockedSince = -1;

    /** A fetched record with its deserialized form, waiting to enter the queue. */
    private record Pending<T>(ConsumerRecord<byte[], byte[]> raw, ChannelRecord<T> record) {
        TopicPartition partition() {
            return new TopicPartition(raw.topic(), raw.partition());
        }
    }

    private ChannelBridge(Builder<T> builder) {
        this.name = builder.name;
        this.topic = builder.topic;
        this.channel = builder.channel;
        this.groupId = builder.groupId;
        this.consumerConfig = Map.copyOf(builder.consumerConfig);
        this.producerConfig = Map.copyOf(builder.producerConfig);
        this.keyDeserializer = builder.keyDeserializer;
        this.valueDeserializer = builder.valueDeserializer;
        this.streamTimeout = builder.streamTimeout;
        this.deadLetterTopic = builder.deadLetterTopic;
        this.pollTimeout = builder.pollTimeout;
        this.thread = new Thread(this::run, "flume-channel-" + name);
        this.thread.setDaemon(true);
    }

    /** Starts describing a bridge that feeds {@code channel}, named {@code name} in logs and headers. */
    public static <T> Builder<T> builder(String name, Channel<T> channel) {
        return new Builder<>(name, channel);
    }

    /**
     * Creates the consumer and starts the bridge thread.
     *
     * @throws IllegalStateException when the bridge was started or closed before
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("channel bridge '" + name + "' is " + state.name().toLowerCase()
                    + "; a bridge starts once");
        }
        consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        channel.onFinished(this::recordFinished);
        state = State.RUNNING;
        thread.start();
        LOG.info("Channel bridge '{}' started: topic {} into a queue of {} records, consumer group {}",
                name, topic, channel.capacity(), groupId);
    }

    public String name() {
        return name;
    }

    public String topic() {
        return topic;
    }

    public String groupId() {
        return groupId;
    }

    public Channel<T> channel() {
        return channel;
    }

    /** Returns true while the bridge thread runs, including while it drains on close. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Returns true while the topic's partitions are paused because the queue is full. */
    public boolean isPaused() {
        return paused;
    }

    /** Returns how many times the bridge paused its partitions because the queue was full. */
    public long pauseCount() {
        return pauses.get();
    }

    /** Returns how many records the bridge put into the queue. */
    public long deliveredCount() {
        return delivered.get();
    }

    /** Returns how many records the dead-letter policy or an unreadable value sent to the dead-letter topic. */
    public long deadLetteredCount() {
        return deadLettered.get();
    }

    /** Returns how many records could not be deserialized. */
    public long unreadableCount() {
        return unreadable.get();
    }

    /**
     * Returns how many records of the assigned partitions the application has not finished yet,
     * including those in the queue and those not fetched yet; -1 before the first measurement.
     * The bridge thread measures it about once a second.
     */
    public long lag() {
        return lag;
    }

    /** Returns the channel's and the bridge's counters and state now. */
    public ChannelStats stats() {
        return new ChannelStats(name, topic, groupId, channel.overflowPolicy(), channel.capacity(), channel.depth(),
                channel.offeredCount(), channel.takenCount(), channel.unacknowledgedCount(), channel.fullWaitCount(),
                channel.overflowCount(), deadLettered.get(), unreadable.get(), paused, pauses.get(), lag, isRunning());
    }

    /** Returns the error that stopped the bridge thread, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Waits until the consumer group has assigned partitions to this bridge for the first time.
     * Returns false when {@code timeout} passes first.
     */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return firstAssignment.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops fetching and lets the bridge thread wait up to {@code grace} for the application to
     * empty the queue before it commits and closes the consumer. Returns at once; see
     * {@link #awaitClosed(Duration)}.
     */
    public synchronized void beginClose(Duration grace) {
        if (state == State.NEW) {
            state = State.CLOSED;
            return;
        }
        if (state == State.RUNNING) {
            drainDeadline = System.nanoTime() + grace.toNanos();
            state = State.DRAINING;
        }
    }

    /**
     * Waits up to {@code timeout} for the bridge thread to end. Returns false, after logging, when
     * it is still running.
     */
    public boolean awaitClosed(Duration timeout) {
        if (!joinThread(timeout)) {
            // The consumer may be blocked in a broker call; wakeup() is the one thread-safe way out.
            KafkaConsumer<byte[], byte[]> blocked = consumer;
            if (blocked != null) {
                blocked.wakeup();
            }
            if (!joinThread(CLIENT_TIMEOUT)) {
                LOG.error("Channel bridge '{}' did not stop within {} ms; its thread {} is still running",
                        name, timeout.plus(CLIENT_TIMEOUT).toMillis(), thread.getName());
                return false;
            }
        }
        return true;
    }

    /** Closes the bridge, waiting up to {@code grace} for the application to empty the queue. */
    public void close(Duration grace) {
        beginClose(grace);
        awaitClosed(grace.plus(CLOSE_MARGIN));
    }

    /** Closes the bridge with the {@linkplain #DEFAULT_GRACE default grace period}. */
    @Override
    public void close() {
        close(DEFAULT_GRACE);
    }

    private boolean joinThread(Duration timeout) {
        if (!thread.isAlive()) {
            return true;
        }
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = new HashMap<>(consumerConfig);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        // Fetch no more than the queue holds, so that few records wait outside it while it is full.
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(500, channel.capacity()));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A missing topic is waited for, never created with the broker's defaults.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return props;
    }

    private void recordFinished(ChannelRecord<T> record) {
        if (record.topic() != null) {
            offsets.finished(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
    }

    // The bridge thread

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (state == State.RUNNING) {
                step();
            }
            drain();
        } catch (WakeupException e) {
            LOG.warn("Channel bridge '{}' was woken up while closing; offsets of records taken since the last commit "
                    + "were not committed and those records will be read again", name);
        } catch (Throwable e) {
            failure = e;
            LOG.error("Channel bridge '{}' on topic {} failed and stopped; records stay in the topic and will be read "
                    + "again after a restart", name, topic, e);
        } finally {
            closeClients();
            state = State.CLOSED;
            LOG.info("Channel bridge '{}' stopped: {} records delivered, {} pauses, {} overflows, {} records left "
                    + "in the queue", name, delivered.get(), pauses.get(), channel.overflowCount(), channel.depth());
        }
    }

    /** Fetches when nothing is waiting, then moves waiting records into the queue. */
    private void step() {
        commit(false);
        if (pending.isEmpty()) {
            if (paused) {
                resume();
            }
            intake(consumer.poll(pollTimeout));
        } else {
            // The partitions are paused, so this returns nothing new, but a poll keeps the
            // consumer in its group and runs rebalance callbacks while the queue is full.
            intake(consumer.poll(Duration.ZERO));
        }
        deliver();
        measureLag();
    }

    /**
     * Measures the lag from the consumer's fetch state, without a broker call: the end offset of
     * each partition (the last stable offset, as the bridge reads committed records) minus the
     * offset up to which the application has finished. Partitions whose end offset is not known
     * yet leave the lag unknown.
     *
     * <p>When every record fetched from a partition is finished, the application has finished up
     * to the consumer's position: the offsets between the last record and the position hold no
     * records, such as the commit markers of transactional producers, which a read-committed
     * consumer skips and which would otherwise count as one record of lag each.
     */
    private void measureLag() {
        long now = System.nanoTime();
        if (now - lagMeasuredAt < LAG_INTERVAL.toNanos()) {
            return;
        }
        lagMeasuredAt = now;
        Map<TopicPartition, Long> finishedUpTo = offsets.finishedUpTo();
        if (finishedUpTo.isEmpty()) {
            return;
        }
        long total = 0;
        try {
            for (Map.Entry<TopicPartition, Long> partition : finishedUpTo.entrySet()) {
                OptionalLong fetchLag = consumer.currentLag(partition.getKey());
                if (fetchLag.isEmpty()) {
                    return;
                }
                long position = consumer.position(partition.getKey(), CLIENT_TIMEOUT);
                long finished = partition.getValue();
                if (offsets.nothingOutstanding(partition.getKey()) && noneWaiting(partition.getKey())) {
                    finished = Math.max(finished, position);
                }
                total += Math.max(0, position + fetchLag.getAsLong() - finished);
            }
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // The lag is only reported, so a failed measurement keeps the last value instead of stopping the bridge.
            problemLog.warn("Channel bridge '{}' failed to measure its lag: {}", name, e.toString());
            return;
        }
        lag = total;
    }

    /** Returns true when no fetched record of {@code partition} waits to enter the queue. */
    private boolean noneWaiting(TopicPartition partition) {
        for (Pending<T> waiting : pending) {
            if (waiting.raw().partition() == partition.partition() && waiting.raw().topic().equals(partition.topic())) {
                return false;
            }
        }
        return true;
    }

    private void intake(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        for (ConsumerRecord<byte[], byte[]> raw : records) {
            ChannelRecord<T> record;
            try {
                record = deserialize(raw);
            } catch (RuntimeException e) {
                unreadable.incrementAndGet();
                handleUnreadable(raw, e);
                continue;
            }
            pending.addLast(new Pending<>(raw, record));
        }
    }

    private ChannelRecord<T> deserialize(ConsumerRecord<byte[], byte[]> raw) {
        Object key = raw.key() == null ? null : keyDeserializer.deserialize(raw.topic(), raw.headers(), raw.key());
        T value = raw.value() == null ? null : valueDeserializer.deserialize(raw.topic(), raw.headers(), raw.value());
        return new ChannelRecord<>(key, value, raw.headers(), raw.timestamp(), raw.topic(), raw.partition(), raw.offset());
    }

    /** Offers waiting records in order until the queue is full or none is left. */
    private void deliver() {
        while (!pending.isEmpty() && state == State.RUNNING) {
            Pending<T> head = pending.peekFirst();
            boolean blocked = headBlockedSince >= 0;
            boolean accepted = false;
            offsets.offering(head.partition(), head.raw().offset());
            try {
                accepted = channel.offer(head.record(), blocked ? offerWait() : Duration.ZERO);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("channel bridge '" + name + "' was interrupted while offering a record", e);
            } finally {
                if (!accepted) {
                    offsets.withdrawn(head.partition(), head.raw().offset());
                }
            }
            if (accepted) {
                delivered(head);
                continue;
            }

            if (!blocked) {
                headBlockedSince = System.nanoTime();
                pause();
            }
            OverflowPolicy policy = effectivePolicy();
            if (!overflowDue(policy) || !applyOverflowPolicy(head, policy)) {
                return;
            }
        }
    }

    private void delivered(Pending<T> head) {
        pending.removeFirst();
        offsets.offered(head.partition(), head.raw().offset());
        delivered.incrementAndGet();
        headBlockedSince = -1;
    }

    /**
     * Returns how long an offer into the full queue may wait: one poll timeout, so that the
     * consumer keeps polling, but no longer than the rest of the stream timeout when the policy
     * applies one.
     */
    private Duration offerWait() {
        OverflowPolicy policy = effectivePolicy();
        if (policy == OverflowPolicy.BLOCK || streamTimeout == null) {
            return policy == OverflowPolicy.BLOCK ? pollTimeout : Duration.ZERO;
        }
        long remaining = streamTimeout.toNanos() - (System.nanoTime() - headBlockedSince);
        return Duration.ofNanos(Math.max(0, Math.min(remaining, pollTimeout.toNanos())));
    }

    /**
     * Returns the channel's overflow policy, or block for a dead-letter channel without a
     * dead-letter topic. {@link Builder#build()} rejects those, so only a channel switched to
     * dead-letter after its bridge was built gets here; it waits as under the block policy,
     * because dropping the record would lose it.
     */
    private OverflowPolicy effectivePolicy() {
        OverflowPolicy policy = channel.overflowPolicy();
        if (policy == OverflowPolicy.DEAD_LETTER && deadLetterTopic == null) {
            overflowLog.warn("Channel '{}' is full and its overflow policy is dead-letter, but its bridge has no dead-letter "
                    + "topic; waiting as under the block policy. Set a dead-letter topic on the bridge, or keep the "
                    + "channel's policy at block", name);
            return OverflowPolicy.BLOCK;
        }
        return policy;
    }

    private boolean overflowDue(OverflowPolicy policy) {
        if (policy == OverflowPolicy.BLOCK) {
            return false;
        }
        long waited = System.nanoTime() - headBlockedSince;
        return streamTimeout == null || waited >= streamTimeout.toNanos();
    }

    /** Applies the channel's overflow policy to the head record; returns true when it made progress. */
    private boolean applyOverflowPolicy(Pending<T> head, OverflowPolicy policy) {
        String waited = streamTimeout == null ? "" : " for " + streamTimeout.toMillis() + " ms";
        if (policy == OverflowPolicy.DROP_OLDEST) {
            ChannelRecord<T> dropped = channel.dropOldest();
            if (dropped != null) {
                overflowLog.warn("Channel '{}' stayed full{}; dropped the oldest queued record ({}-{}@{}) to make room "
                        + "(policy drop-oldest)", name, waited, dropped.topic(), dropped.partition(), dropped.offset());
            }
            return true;
        }

        String reason = "channel '" + name + "' stayed full" + waited + " (capacity " + channel.capacity()
                + ") and its overflow policy is dead-letter";
        sendToDeadLetter(head.raw(), new ChannelOverflowException(name, reason));
        pending.removeFirst();
        offsets.disposed(head.partition(), head.raw().offset());
        channel.recordOverflow();
        deadLettered.incrementAndGet();
        headBlockedSince = -1;
        overflowLog.warn("Channel '{}' stayed full{}; sent record {}-{}@{} to dead-letter topic {} (policy dead-letter)",
                name, waited, head.raw().topic(), head.raw().partition(), head.raw().offset(), deadLetterTopic);
        return true;
    }

    private void handleUnreadable(ConsumerRecord<byte[], byte[]> raw, RuntimeException error) {
        TopicPartition partition = new TopicPartition(raw.topic(), raw.partition());
        if (deadLetterTopic != null) {
            sendToDeadLetter(raw, error);
            deadLettered.incrementAndGet();
            problemLog.warn("Channel '{}' could not deserialize record {}@{}; sent it to dead-letter topic {}: {}",
                    name, partition, raw.offset(), deadLetterTopic, error.toString());
        } else {
            problemLog.warn("Channel '{}' could not deserialize record {}@{} and has no dead-letter topic; skipped it: {}",
                    name, partition, raw.offset(), error.toString());
        }
        offsets.disposed(partition, raw.offset());
    }

    /**
     * Writes {@code raw} to the dead-letter topic and waits for the acknowledgement, so that its
     * offset is committed only once the dead-letter record is stored. The failing node is named
     * {@code channel:NAME}.
     */
    private void sendToDeadLetter(ConsumerRecord<byte[], byte[]> raw, Throwable error) {
        String node = "channel:" + name;
        Headers headers = DeadLetterRecords.failureHeaders(raw.headers(), node, node, error, 1, Instant.now(),
                raw.topic(), raw.partition(), raw.offset());
        headers.remove(FlumeHeaders.CHANNEL);
        headers.add(FlumeHeaders.CHANNEL, utf8(name));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetterTopic, null, raw.timestamp(),
                raw.key(), raw.value(), headers);
        try {
            deadLetterProducer().send(record).get(CLIENT_TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("channel bridge '" + name + "' was interrupted while writing to " + deadLetterTopic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("channel bridge '" + name + "' failed to write record " + raw.topic() + "-"
                    + raw.partition() + "@" + raw.offset() + " to dead-letter topic " + deadLetterTopic
                    + "; check that the topic exists", e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    private KafkaProducer<byte[], byte[]> deadLetterProducer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(producerConfig);
            props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, groupId + ".dead-letter");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void pause() {
        consumer.pause(consumer.assignment());
        if (!paused) {
            paused = true;
            pauses.incrementAndGet();
            LOG.debug("Channel '{}' is full (capacity {}); paused partitions {}", name, channel.capacity(), consumer.assignment());
        }
    }

    private void resume() {
        consumer.resume(consumer.paused());
        paused = false;
        LOG.debug("Channel '{}' has room again; resumed topic {}", name, topic);
    }

    /** Commits the offsets taken since the last commit: asynchronously while running, synchronously at the end. */
    private void commit(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> taken = offsets.uncommitted();
        if (taken.isEmpty()) {
            return;
        }
        offsets.committed(taken);
        if (sync) {
            try {
                consumer.commitSync(taken, CLIENT_TIMEOUT);
            } catch (KafkaException e) {
                offsets.commitFailed(taken);
                LOG.warn("Channel bridge '{}' failed to commit offsets {}; those records will be read again: {}",
                        name, taken, e.toString());
            }
            return;
        }
        consumer.commitAsync(taken, (committed, error) -> {
            if (error != null) {
                offsets.commitFailed(taken);
                problemLog.warn("Channel bridge '{}' failed to commit offsets {}, retrying with the next commit: {}",
                        name, taken, error.toString());
            }
        });
    }

    /**
     * Stops fetching and waits for the application to empty the queue and acknowledge what it
     * received, committing what it finishes.
     */
    private void drain() {
        int dropped = pending.size();
        pending.clear();
        consumer.pause(consumer.assignment());
        paused = true;
        if (dropped > 0) {
            LOG.info("Channel bridge '{}' is closing; {} fetched records did not enter the queue and will be read "
                    + "again on the next start", name, dropped);
        }
        while (offsets.outstanding() > 0 && System.nanoTime() < drainDeadline) {
            commit(false);
            consumer.poll(DRAIN_POLL);
        }
        int unfinished = offsets.outstanding();
        if (unfinished > 0) {
            LOG.warn("Channel '{}' has {} records that the application did not take or acknowledge within the shutdown "
                    + "grace period ({} in the queue, {} received and not acknowledged); their offsets were not committed "
                    + "and they will be read again on the next start", name, unfinished, channel.depth(),
                    channel.unacknowledgedCount());
        }
        commit(true);
    }

    private void closeClients() {
        if (producer != null) {
            try {
                producer.close(CLIENT_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warn("Channel bridge '{}' failed to close its dead-letter producer: {}", name, e.toString());
            }
        }
        try {
            consumer.close(CloseOptions.timeout(CLIENT_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.warn("Channel bridge '{}' failed to close its consumer: {}", name, e.toString());
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Keeps offsets and pauses right when the consumer group moves partitions. Runs on the bridge thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> taken = new HashMap<>(offsets.uncommitted());
            taken.keySet().retainAll(partitions);
            if (!taken.isEmpty()) {
                try {
                    consumer.commitSync(taken, CLIENT_TIMEOUT);
                } catch (KafkaException e) {
                    LOG.warn("Channel bridge '{}' failed to commit offsets {} before giving up partitions; those records "
                            + "will be read again: {}", name, taken, e.toString());
                }
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                long position;
                try {
                    position = consumer.position(partition, CLIENT_TIMEOUT);
                } catch (KafkaException e) {
                    position = -1;
                }
                offsets.assign(partition, position);
            }
            if (paused || state != State.RUNNING) {
                consumer.pause(partitions);
            }
            if (!partitions.isEmpty()) {
                firstAssignment.countDown();
            }
            LOG.debug("Channel bridge '{}' was assigned {}", name, partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            pending.removeIf(waiting -> partitions.contains(waiting.partition()));
            if (pending.isEmpty()) {
                headBlockedSince = -1;
            }
            partitions.forEach(offsets::remove);
            LOG.debug("Channel bridge '{}' gave up {}", name, partitions);
        }
    }

    /** Settings of a {@link ChannelBridge}. */
    public static final class Builder<T> {
        private final String name;
        private final Channel<T> channel;
        private String topic;
        private String groupId;
        private final Map<String, Object> consumerConfig = new HashMap<>();
        private final Map<String, Object> producerConfig = new HashMap<>();
        private Deserializer<?> keyDeserializer = new StringDeserializer();
        private Deserializer<T> valueDeserializer;
        private Duration streamTimeout;
        private String deadLetterTopic;
        private Duration pollTimeout = Duration.ofMillis(100);

        private Builder(String name, Channel<T> channel) {
            this.name = Objects.requireNonNull(name, "name");
            this.channel = Objects.requireNonNull(channel, "channel");
            if (channel.isDirect()) {
                throw new IllegalArgumentException("channel '" + name + "' is direct: the stream node offers into it "
                        + "without a topic, so it needs no bridge");
            }
        }

        /** Sets the topic to read, the stream's output topic. Defaults to the channel's name. */
        public Builder<T> topic(String topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** Sets the consumer group id, by convention {@code <application.id>.channel.<name>}. */
        public Builder<T> groupId(String groupId) {
            this.groupId = Objects.requireNonNull(groupId, "groupId");
            return this;
        }

        /**
         * Sets consumer properties: at least {@code bootstrap.servers}, plus security settings.
         * The bridge always sets its own group id, disables auto-commit and reads committed
         * records only. Producer properties for the dead-letter topic start from the same map.
         */
        public Builder<T> consumerConfig(Map<String, ?> config) {
            consumerConfig.putAll(config);
            producerConfig.putAll(config);
            return this;
        }

        /** Sets or overrides properties of the dead-letter producer only. */
        public Builder<T> producerConfig(Map<String, ?> config) {
            producerConfig.putAll(config);
            return this;
        }

        /** Sets the key deserializer; string keys by default. */
        public Builder<T> keyDeserializer(Deserializer<?> deserializer) {
            this.keyDeserializer = Objects.requireNonNull(deserializer, "deserializer");
            return this;
        }

        /** Sets the value deserializer, the pipeline's value serde. Required. */
        public Builder<T> valueDeserializer(Deserializer<T> deserializer) {
            this.valueDeserializer = Objects.requireNonNull(deserializer, "deserializer");
            return this;
        }

        /**
         * Sets how long the record at the head may wait on a full queue before the drop-oldest or
         * dead-letter policy applies; null (the default) applies them as soon as the queue is full.
         * The block policy waits without limit either way.
         */
        public Builder<T> streamTimeout(Duration timeout) {
            this.streamTimeout = timeout;
            return this;
        }

        /** Sets the dead-letter topic for the dead-letter policy and for records that cannot be deserialized. */
        public Builder<T> deadLetterTopic(String topic) {
            this.deadLetterTopic = topic;
            return this;
        }

        /** Sets how long one fetch or one wait for room may block the bridge thread; 100 ms by default. */
        public Builder<T> pollTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("poll timeout must be positive, got " + timeout);
            }
            this.pollTimeout = timeout;
            return this;
        }

        /**
         * Builds the bridge; {@link ChannelBridge#start()} starts it.
         *
         * @throws IllegalArgumentException when the group id, the value deserializer or
         *     {@code bootstrap.servers} is missing
         */
        public ChannelBridge<T> build() {
            if (topic == null) {
                topic = name;
            }
            if (groupId == null) {
                throw new IllegalArgumentException("channel bridge '" + name + "' needs a consumer group id, "
                        + "such as <application.id>.channel." + name);
            }
            if (valueDeserializer == null) {
                throw new IllegalArgumentException("channel bridge '" + name + "' needs a value deserializer, "
                        + "the pipeline's value serde");
            }
            if (!consumerConfig.containsKey(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                throw new IllegalArgumentException("channel bridge '" + name + "' needs bootstrap.servers in its consumer config");
            }
            if (channel.overflowPolicy() == OverflowPolicy.DEAD_LETTER && deadLetterTopic == null) {
                throw new IllegalArgumentException("channel '" + name + "' has the overflow policy dead-letter, but its "
                        + "bridge has no dead-letter topic; set one with deadLetterTopic(...), or choose the block or "
                        + "drop-oldest policy");
            }
            return new ChannelBridge<>(this);
        }
    }
}
