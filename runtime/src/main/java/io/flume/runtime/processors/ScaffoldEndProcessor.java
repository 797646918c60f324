package io.flume.runtime.processors;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.metrics.FlumeMetrics;
import io.flume.runtime.metrics.RateLimitedLogger;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a {@code scaffold} child's line: a failure there never fails the record, so it is
 * logged (rate-limited) and counted, and nothing is forwarded.
 */
public final class ScaffoldEndProcessor<T> implements Processor<Object, Envelope<T>, Object, Envelope<T>> {

    private static final Logger LOG = LoggerFactory.getLogger(ScaffoldEndProcessor.class);

    private final NodeId scaffold;
    private final FlumeMetrics metrics;
    private final RateLimitedLogger rateLimitedLog = new RateLimitedLogger(LOG, Duration.ofSeconds(10));

    public ScaffoldEndProcessor(NodeId scaffold, FlumeMetrics metrics) {
        this.scaffold = scaffold;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        if (envelope.isFailed()) {
            NodeFailure failure = envelope.failure();
            metrics.recordScaffoldFailure();
            rateLimitedLog.warn("A child of scaffold {} failed at {} ({}): {}; the record continues unchanged",
                    scaffold.path(), failure.nodePath(), failure.nodeName(), failure.message());
        }
    }
}
