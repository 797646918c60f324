package io.flume;

import io.flume.runtime.envelope.NodeFailure;

/** A record failed in in-process execution and no node of the schema handled the failure. */
public final class PipelineException extends RuntimeException {

    private final transient NodeFailure failure;

    public PipelineException(NodeFailure failure) {
        super(failure.nodePath() + " (" + failure.nodeName() + ") failed: " + failure.message(), failure.error());
        this.failure = failure;
    }

    /** Returns the schema path of the node that failed. */
    public String nodePath() {
        return failure.nodePath();
    }

    public String nodeName() {
        return failure.nodeName();
    }

    /** Returns the value as the failing node received it. */
    public Object input() {
        return failure.input();
    }

    public NodeFailure failure() {
        return failure;
    }
}
