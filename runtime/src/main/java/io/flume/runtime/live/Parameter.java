package io.flume.runtime.live;

/**
 * The handle of one node's live parameters, {@code P} being an immutable value such as a record
 * of the node's settings. {@link #get} returns the value of the version the current record runs
 * with.
 */
public final class Parameter<P> {

    private final LiveParameters owner;
    private final String path;

    Parameter(LiveParameters owner, String path) {
        this.owner = owner;
        this.path = path;
    }

    public P get() {
        return owner.read(path);
    }

    public String path() {
        return path;
    }
}
