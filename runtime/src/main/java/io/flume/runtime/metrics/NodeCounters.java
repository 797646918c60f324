package io.flume.runtime.metrics;

import java.util.concurrent.atomic.LongAdder;

/** Record counts of one node: records that entered it, that left it healthy, and that failed in it. */
public final class NodeCounters {

    private final String nodeName;
    private final String nodePath;
    private final LongAdder in = new LongAdder();
    private final LongAdder out = new LongAdder();
    private final LongAdder failed = new LongAdder();

    NodeCounters(String nodeName, String nodePath) {
        this.nodeName = nodeName;
        this.nodePath = nodePath;
    }

    public String nodeName() {
        return nodeName;
    }

    public String nodePath() {
        return nodePath;
    }

    public void recordIn() {
        in.increment();
    }

    public void recordOut() {
        out.increment();
    }

    public void recordFailed() {
        failed.increment();
    }

    public long in() {
        return in.sum();
    }

    public long out() {
        return out.sum();
    }

    public long failed() {
        return failed.sum();
    }
}
