package io.flume.runtime.envelope;

/**
 * The value a record carries between the processors of a compiled topology: the user's value,
 * the failure once something failed, and the route a decision node chose.
 *
 * <p>A failed envelope skips every processor until a node that handles failures, or the
 * dead-letter sink. Envelopes never leave the topology: every topic carries the user's value.
 * An envelope is mutable and belongs to one record on one line of the topology; nodes that fan
 * out give each line its own {@link #copy}.
 *
 * @param <T> the user's value type
 */
public final class Envelope<T> {

    private T value;
    private NodeFailure failure;
    private String route;

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

    /** Returns a new envelope with {@code copiedValue} and this envelope's failure and route. */
    public Envelope<T> copy(T copiedValue) {
        return new Envelope<>(copiedValue, failure, route);
    }

    @Override
    public String toString() {
        return failure == null ? "Envelope[" + value + "]" : "Envelope[failed at " + failure.nodePath() + ": " + failure.message() + "]";
    }
}
