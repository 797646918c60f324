package io.flume.runtime.inline;

import io.flume.runtime.envelope.NodeFailure;

/** A failure inside an inline subtree, with the node that failed and the value it received. */
public final class StepFailedException extends Exception {

    private final transient NodeFailure failure;

    public StepFailedException(NodeFailure failure) {
        super(failure.nodePath() + " (" + failure.nodeName() + "): " + failure.message(), failure.error(), false, false);
        this.failure = failure;
    }

    public NodeFailure failure() {
        return failure;
    }
}
