package io.flume.examples;

import io.flume.api.ProcessingContext;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** A processing context outside a topology, as in-process execution gives one. */
public final class TestContext implements ProcessingContext {

    private final Headers headers = new RecordHeaders();
    private final int attempt;

    /** Creates the context of a first attempt. */
    public TestContext() {
        this(1);
    }

    /** Creates the context of attempt number {@code attempt}, as a {@code retry} node gives its child. */
    public TestContext(int attempt) {
        this.attempt = attempt;
    }

    @Override
    public Object key() {
        return null;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public long timestamp() {
        return 0;
    }

    @Override
    public String topic() {
        return null;
    }

    @Override
    public int partition() {
        return -1;
    }

    @Override
    public long offset() {
        return -1;
    }

    @Override
    public String nodePath() {
        return "root";
    }

    @Override
    public String nodeName() {
        return "test";
    }

    @Override
    public int attempt() {
        return attempt;
    }
}
