package io.flume;

import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.inline.Execution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one in-process run of a pipeline: the value, the failure and the stream sends.
 *
 * @param <T> the pipeline's value type
 */
public final class PipelineResult<T> {

    private final T value;
    private final NodeFailure failure;
    private final Execution<T> execution;

    PipelineResult(T value, NodeFailure failure, Execution<T> execution) {
        this.value = value;
        this.failure = failure;
        this.execution = execution;
    }

    /** Returns the value that came out of the root node, or null when the record failed. */
    public T value() {
        return value;
    }

    public boolean isFailed() {
        return failure != null;
    }

    /** Returns the failure that no node handled, or null. */
    public NodeFailure failure() {
        return failure;
    }

    /** Returns the values sent by {@code stream} nodes, by stream name, in the order they were sent. */
    public Map<String, List<T>> sends() {
        Map<String, List<T>> result = new LinkedHashMap<>();
        for (Execution.Send<T> send : execution.sends()) {
            result.computeIfAbsent(send.stream(), stream -> new ArrayList<>()).add(send.value());
        }
        return result;
    }

    /** Returns the values sent to one stream, or an empty list. */
    public List<T> sentTo(String stream) {
        return sends().getOrDefault(stream, List.of());
    }

    /** Returns the failures of {@code concurrent} children, each of which a topology dead-letters on its own. */
    public List<NodeFailure> childFailures() {
        return execution.childFailures();
    }

    /** Returns the failures of {@code scaffold} children, which are only logged and counted. */
    public List<NodeFailure> scaffoldFailures() {
        return execution.scaffoldFailures();
    }

    /**
     * Returns what a topology would send to the dead-letter topic for this record: the child
     * failures of {@code concurrent} nodes, then the record's own failure.
     */
    public List<NodeFailure> deadLetters() {
        List<NodeFailure> result = new ArrayList<>(execution.childFailures());
        if (failure != null) {
            result.add(failure);
        }
        return result;
    }
}
