package io.flume.runtime.inline;

import io.flume.api.ChannelRecord;
import io.flume.api.ProcessingContext;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.processors.NodeId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The state of one record's run through inline steps: what the processors see of the record,
 * the values {@code stream} nodes sent, and the failures of {@code concurrent} and
 * {@code scaffold} children, which do not fail the record itself.
 *
 * <p>Nodes that must keep or drop a child's effects as a whole ({@code retry}, {@code timeout},
 * {@code circuit-breaker}, {@code rate-limit}) run the child on a {@link #fork}, and
 * {@link #merge} it only when the child succeeded in time. A fork starts with a copy of the
 * headers and empty lists, so a failed attempt or a timed-out child leaves no sends behind, and
 * a child still running on another thread after its timeout cannot touch this execution.
 *
 * <p>An execution either offers into {@code direct} channels as soon as a {@code stream} node
 * sends (the root of an in-process run), or defers the offers: forks defer them to the
 * execution they are merged into, and the execution of a topology's inline subtree defers them
 * until the subtree has finished, when its processor offers them ({@link #defersDirectOffers}).
 *
 * <p>An in-process run creates its headers, its lists and its timestamp only when a node needs
 * them, and gives every processor of the run the same {@link ProcessingContext} object, set to
 * the processor's node before each call, so that a run of plain steps allocates almost nothing.
 *
 * @param <T> the pipeline's value type
 */
public final class Execution<T> {

    private static final long NO_TIMESTAMP = Long.MIN_VALUE;

    /**
     * A value a {@code stream} node sent, in the order the nodes ran.
     *
     * @param headers the record's headers when the node sent the value
     * @param direct the stream's direct channel and how long to wait for room, or null for a stream to a topic
     */
    public record Send<T>(String stream, String nodePath, T value, Headers headers, DirectOffer<T> direct) {

        public Send(String stream, String nodePath, T value) {
            this(stream, nodePath, value, new RecordHeaders(), null);
        }
    }

    private final Object key;
    private Headers headers;
    private long timestamp;
    private final String topic;
    private final int partition;
    private final long offset;
    private final LongSupplier wallClockMillis;
    private final Duration maxWait;
    private final boolean defersDirectOffers;
    private final int attempt;
    private List<Send<T>> sends = List.of();
    private List<NodeFailure> childFailures = List.of();
    private List<NodeFailure> scaffoldFailures = List.of();
    private StepContext context;

    public Execution(Object key, Headers headers, long timestamp, String topic, int partition, long offset) {
        this(key, headers, timestamp, topic, partition, offset, System::currentTimeMillis, RateLimiter.MAX_WAIT, false, 1);
    }

    private Execution(Object key, Headers headers, long timestamp, String topic, int partition, long offset,
                      LongSupplier wallClockMillis, Duration maxWait, boolean defersDirectOffers, int attempt) {
        this.key = key;
        this.headers = headers;
        this.timestamp = timestamp;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.wallClockMillis = wallClockMillis;
        this.maxWait = maxWait;
        this.defersDirectOffers = defersDirectOffers;
        this.attempt = attempt;
    }

    /** Creates an execution for a value that did not come from Kafka. */
    public static <T> Execution<T> standalone(Object key) {
        return standalone(key, Clock.systemUTC());
    }

    /**
     * Creates an execution for a value that did not come from Kafka, whose circuit breakers read
     * the time from {@code clock}.
     */
    public static <T> Execution<T> standalone(Object key, Clock clock) {
        return new Execution<>(key, null, NO_TIMESTAMP, null, -1, -1, clock::millis, RateLimiter.MAX_WAIT, false, 1);
    }

    /**
     * Creates the execution of a topology's inline subtree for one record. It defers offers into
     * direct channels, which the caller makes once the subtree has finished.
     *
     * @param headers the record's headers, which processors change in place
     * @param wallClockMillis the stream task's wall-clock time, which circuit breakers use
     * @param maxWait the longest a node may block the stream thread waiting, such as for a rate-limit token
     */
    public static <T> Execution<T> forRecord(Object key, Headers headers, long timestamp, String topic, int partition, long offset,
                                             LongSupplier wallClockMillis, Duration maxWait) {
        return new Execution<>(key, headers, timestamp, topic, partition, offset, wallClockMillis, maxWait, true, 1);
    }

    /** Returns a fork with this execution's attempt number; see the class documentation. */
    public Execution<T> fork() {
        return fork(attempt);
    }

    /** Returns a fork whose processors see {@code attempt} as their attempt number. */
    public Execution<T> fork(int attempt) {
        return new Execution<>(key, headers == null ? null : new RecordHeaders(headers.toArray()), timestamp(), topic, partition,
                offset, wallClockMillis, maxWait, true, attempt);
    }

    /**
     * Takes over what a fork collected: its headers replace this execution's, and its sends and
     * child failures are appended. When this execution offers into direct channels at once, the
     * fork's offers are made now.
     *
     * @throws StepFailedException when a direct channel stays full for its stream's timeout
     */
    public void merge(Execution<T> fork) throws StepFailedException {
        replaceHeaders(fork.headers);
        mergeKeepingHeaders(fork);
    }

    /**
     * Takes over a fork's sends and child failures but keeps this execution's headers, for nodes
     * whose children work on copies and let the record continue unchanged ({@code worker-pool}).
     *
     * @throws StepFailedException when a direct channel stays full for its stream's timeout
     */
    public void mergeKeepingHeaders(Execution<T> fork) throws StepFailedException {
        for (NodeFailure failure : fork.childFailures) {
            childFailed(failure);
        }
        for (NodeFailure failure : fork.scaffoldFailures) {
            scaffoldChildFailed(failure);
        }
        for (Send<T> send : fork.sends) {
            send(send);
        }
    }

    /** Makes this execution's headers equal to {@code replacement}; null stands for headers never created, so empty. */
    private void replaceHeaders(Headers replacement) {
        if (replacement == headers || (replacement == null && headers == null)) {
            return;
        }
        Headers target = headers();
        for (Header header : target.toArray()) {
            target.remove(header.key());
        }
        if (replacement != null) {
            for (Header header : replacement.toArray()) {
                target.add(header.key(), header.value());
            }
        }
    }

    /**
     * Returns the context that a processor of {@code node} gets on its {@code attempt}-th run.
     * The object is this execution's, set to {@code node} and {@code attempt}: it is valid for
     * the processor's call only, as a topology's context is.
     */
    public ProcessingContext contextFor(NodeId node, int attempt) {
        if (context == null) {
            context = new StepContext();
        }
        context.node = node;
        context.attempt = attempt;
        return context;
    }

    /** The context of the processor being called; one per execution, set before each call. */
    private final class StepContext implements ProcessingContext {

        private NodeId node;
        private int attempt;

        @Override
        public Object key() {
            return key;
        }

        @Override
        public Headers headers() {
            return Execution.this.headers();
        }

        @Override
        public long timestamp() {
            return Execution.this.timestamp();
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public int partition() {
            return partition;
        }

        @Override
        public long offset() {
            return offset;
        }

        @Override
        public String nodePath() {
            return node.path();
        }

        @Override
        public String nodeName() {
            return node.name();
        }

        @Override
        public int attempt() {
            return attempt;
        }
    }

    /** Returns the context a processor of {@code node} sees, with this execution's attempt number. */
    public ProcessingContext contextFor(NodeId node) {
        return contextFor(node, attempt);
    }

    /** Returns the attempt number of the nearest enclosing {@code retry}, 1 outside one. */
    public int attempt() {
        return attempt;
    }

    /** Returns the record's headers, which processors change in place; empty headers are created on first use. */
    public Headers headers() {
        if (headers == null) {
            headers = new RecordHeaders();
        }
        return headers;
    }

    /**
     * Returns the record's timestamp. A run that did not come from Kafka takes the pipeline
     * clock's time when a node first reads it.
     */
    public long timestamp() {
        if (timestamp == NO_TIMESTAMP) {
            timestamp = wallClockMillis.getAsLong();
        }
        return timestamp;
    }

    /** Returns the wall-clock time in epoch milliseconds: the stream task's in a topology, the pipeline clock's in process. */
    public long wallClockMillis() {
        return wallClockMillis.getAsLong();
    }

    /** Returns the longest a node may block the thread while waiting, such as for a rate-limit token. */
    public Duration maxWait() {
        return maxWait;
    }

    /** Returns whether offers into direct channels wait until the caller takes them from {@link #sends}. */
    public boolean defersDirectOffers() {
        return defersDirectOffers;
    }

    /** Records a send to a stream written to a topic, or only collected in process. */
    public void send(String stream, String nodePath, T value) {
        collect(new Send<>(stream, nodePath, value, copyOfHeaders(), null));
    }

    /**
     * Records a send to a stream with a direct channel, and offers the value into the channel
     * unless this execution defers offers.
     *
     * @throws StepFailedException when the channel stays full for the stream's timeout
     */
    public void send(String stream, String nodePath, T value, DirectOffer<T> direct) throws StepFailedException {
        send(new Send<>(stream, nodePath, value, copyOfHeaders(), direct));
    }

    private void send(Send<T> send) throws StepFailedException {
        if (send.direct() != null && !defersDirectOffers) {
            send.direct().offer(channelRecord(send));
        }
        collect(send);
    }

    private void collect(Send<T> send) {
        if (sends.isEmpty()) {
            sends = new ArrayList<>();
        }
        sends.add(send);
    }

    private Headers copyOfHeaders() {
        return headers == null ? new RecordHeaders() : new RecordHeaders(headers.toArray());
    }

    /** Returns the record a direct channel receives for {@code send}. */
    public ChannelRecord<T> channelRecord(Send<T> send) {
        return new ChannelRecord<>(key, send.value(), send.headers(), timestamp(), topic, partition, offset);
    }

    public List<Send<T>> sends() {
        return List.copyOf(sends);
    }

    /** Records the failure of a {@code concurrent} child, which goes to the dead-letter output on its own. */
    public void childFailed(NodeFailure failure) {
        if (childFailures.isEmpty()) {
            childFailures = new ArrayList<>();
        }
        childFailures.add(failure);
    }

    public List<NodeFailure> childFailures() {
        return List.copyOf(childFailures);
    }

    /** Records the failure of a {@code scaffold} child, which is only logged and counted. */
    public void scaffoldChildFailed(NodeFailure failure) {
        if (scaffoldFailures.isEmpty()) {
            scaffoldFailures = new ArrayList<>();
        }
        scaffoldFailures.add(failure);
    }

    public List<NodeFailure> scaffoldFailures() {
        return List.copyOf(scaffoldFailures);
    }
}
