package io.flume.runtime.envelope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The value a record carries between the processors of a compiled topology: the user's value,
 * the failure once something failed, and the route a decision node chose.
 *
 * <p>A failed envelope skips every processor until a node that handles failures, or the
 * dead-letter sink. Envelopes never leave the topology: every topic carries the user's value.
 * An envelope is mutable and belongs to one record on one line of the topology; nodes that fan
 * out give each line its own {@link #copy}.
 *
 * <p>Nodes that handle failures ({@code fallback}, {@code handle}, {@code retry}) push a
 * {@link Frame} with a copy of their input when a healthy envelope enters them, and pop it when
 * the envelope leaves them, so that they can run their second child or next attempt on exactly
 * the input the first run received. A record that arrives already failed pushes nothing: such a
 * node finds a frame that is not its own on top, and lets the failure pass.
 *
 * @param <T> the user's value type
 */
public final class Envelope<T> {

    private T value;
    private NodeFailure failure;
    private String route;
    private List<Frame<T>> frames = List.of();
    private Origin origin;
    // Headers saved by retry nodes with backoff on entry, by node name; null when there are none.
    private Map<String, Headers> savedHeaders;

    /**
     * What a failure-handling node saved when the envelope entered it.
     *
     * @param node the node's stable name
     * @param input a copy of the value the node received; never changed in place
     * @param attempt the attempt number the node's processors see: the enclosing one, or the
     *                retry node's own attempt
     * @param firstFailure for a {@code retry} node from its second attempt on, the failure of its
     *                     first attempt; null otherwise
     */
    public record Frame<T>(String node, T input, int attempt, FirstFailure firstFailure) {
    }

    /**
     * The source record an envelope came from, for records that a punctuation forwards (released
     * retries), which Kafka Streams gives no record metadata.
     */
    public record Origin(String topic, int partition, long offset) {
    }

    /** The failure of a retry node's first attempt, as its retry topic's headers carry it. */
    public record FirstFailure(String errorClass, String message, String nodePath) {
    }

    private Envelope(T value, NodeFailure failure, String route) {
        this.value = value;
        this.failure = failure;
        this.route = route;
    }

    public static <T> Envelope<T> of(T value) {
        return new Envelope<>(value, null, null);
    }

    public T value() {
        return value;
    }

    public void setValue(T value) {
        this.value = value;
    }

    public boolean isFailed() {
        return failure != null;
    }

    /** Returns the failure, or null while the record is healthy. */
    public NodeFailure failure() {
        return failure;
    }

    public void fail(NodeFailure failure) {
        this.failure = failure;
    }

    /** Clears the failure, for nodes that recover from one. */
    public void clearFailure() {
        this.failure = null;
    }

    /** Returns the route the last decision node chose, or null. */
    public String route() {
        return route;
    }

    public void setRoute(String route) {
        this.route = route;
    }

    /** Saves {@code input} (already copied) for the failure-handling node {@code node}. */
    public void enter(String node, T input, int attempt) {
        enter(new Frame<>(node, input, attempt, null));
    }

    /** Pushes {@code frame}, for retry nodes and for records released from a retry store. */
    public void enter(Frame<T> frame) {
        List<Frame<T>> next = new ArrayList<>(frames);
        next.add(frame);
        frames = List.copyOf(next);
    }

    /** Returns the frames, outermost first. */
    public List<Frame<T>> frames() {
        return frames;
    }

    /** Returns the innermost frame, or null outside every failure-handling node. */
    public Frame<T> innermost() {
        return frames.isEmpty() ? null : frames.get(frames.size() - 1);
    }

    /** Returns true when the innermost frame belongs to {@code node}. */
    public boolean isInside(String node) {
        return !frames.isEmpty() && frames.get(frames.size() - 1).node().equals(node);
    }

    /**
     * Removes and returns the innermost frame when it belongs to {@code node}; returns null
     * otherwise, which means the envelope arrived at the node already failed.
     */
    public Frame<T> leave(String node) {
        if (!isInside(node)) {
            return null;
        }
        if (savedHeaders != null) {
            savedHeaders.remove(node);
        }
        Frame<T> top = frames.get(frames.size() - 1);
        frames = List.copyOf(frames.subList(0, frames.size() - 1));
        return top;
    }

    /**
     * Saves a copy of the record's headers as the retry node {@code node} received them, so that
     * a failed run's header changes do not reach its next run. {@link #leave} drops them.
     */
    public void saveHeaders(String node, Headers headers) {
        if (savedHeaders == null) {
            savedHeaders = new HashMap<>();
        }
        savedHeaders.put(node, new RecordHeaders(headers.toArray()));
    }

    /** Returns the headers {@code node} saved on entry, or null when it saved none. */
    public Headers savedHeaders(String node) {
        return savedHeaders == null ? null : savedHeaders.get(node);
    }

    /** Returns the attempt number processors see: the innermost frame's, 1 outside any retry. */
    public int attempt() {
        return frames.isEmpty() ? 1 : frames.get(frames.size() - 1).attempt();
    }

    /**
     * Returns a new envelope with {@code copiedValue} and this envelope's failure, route and
     * frames. The frames are shared: their inputs are never changed in place.
     */
    public Envelope<T> copy(T copiedValue) {
        Envelope<T> copy = new Envelope<>(copiedValue, failure, route);
        copy.frames = frames;
        copy.origin = origin;
        copy.savedHeaders = savedHeaders == null ? null : new HashMap<>(savedHeaders);
        return copy;
    }

    /** Returns the source record this envelope came from when it differs from the record being processed, or null. */
    public Origin origin() {
        return origin;
    }

    public void setOrigin(Origin origin) {
        this.origin = origin;
    }

    /**
     * Returns the source record of this envelope: its origin when it carries one (a released
     * retry), else the metadata of the record being processed, or null when there is neither.
     */
    public Origin sourceOf(Optional<RecordMetadata> metadata) {
        if (origin != null) {
            return origin;
        }
        return metadata.map(source -> new Origin(source.topic(), source.partition(), source.offset())).orElse(null);
    }

    @Override
    public String toString() {
        return failure == null ? "Envelope[" + value + "]" : "Envelope[failed at " + failure.nodePath() + ": " + failure.message() + "]";
    }
}
