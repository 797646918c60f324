package io.flume.runtime.gather;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.metrics.RateLimitedLogger;
import io.flume.runtime.retry.FrameCodec;
import io.flume.runtime.time.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gather of a {@code concurrent} node with a reducer. It records each child's report
 * ({@link GatherReportProcessor}) in the gather store entry that {@link GatherOpenProcessor}
 * made, and when the last child has reported, calls the reducer with the original value, the
 * results by child name and the errors by child name, deletes the entry and forwards the
 * reducer's result with the original key, timestamp and headers. A reducer that throws or
 * returns null fails the record at the {@code concurrent} node, with the original value as input.
 *
 * <p>A wall-clock punctuator completes every gather whose deadline has passed with the reports
 * it has; each missing child is reported to the reducer as a {@link GatherTimeoutException}.
 * A report that finds no entry (it arrived after its gather timed out) is logged and dropped.
 * Failed envelopes that are no report (they failed before the node) pass through.
 *
 * <p>The reducer receives a failed child's original exception when the failure happened in this
 * processor instance since the gather opened; after a restart or a rebalance it receives a
 * {@link ReportedFailureException} with the original class name and message.
 */
public final class GatherProcessor<T> implements Processor<Object, Envelope<T>, Object, Envelope<T>> {

    private static final Logger LOG = LoggerFactory.getLogger(GatherProcessor.class);

    private final GatherSpec<T> spec;
    private final RateLimitedLogger rateLimitedLog = new RateLimitedLogger(LOG, Duration.ofSeconds(10));
    /** The exceptions of failed children by correlation id and child name, for gathers still open. */
    private final Map<Bytes, Map<String, Throwable>> liveErrors = new HashMap<>();
    private ProcessorContext<Object, Envelope<T>> context;
    private KeyValueStore<Bytes, byte[]> store;

    public GatherProcessor(GatherSpec<T> spec) {
        this.spec = spec;
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
        this.store = context.getStateStore(spec.storeName());
        context.schedule(spec.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::completeTimedOut);
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        String child = GatherReportProcessor.childOf(envelope);
        if (child == null) {
            context.forward(record);
            return;
        }

        Bytes id = GatherKeys.of(GatherSpec.originOf(envelope, context.recordMetadata()), spec.node().path());
        byte[] stored = store.get(id);
        if (stored == null) {
            rateLimitedLog.warn("Child {} of {} ({}) reported after its gather had completed (timed out after {});"
                    + " its {} is dropped", child, spec.node().path(), spec.node().name(), GoDuration.format(spec.timeout()),
                    envelope.isFailed() ? "failure" : "result");
            return;
        }
        GatherEntry entry = GatherEntry.decode(stored).withReport(child, report(id, child, envelope));
        if (entry.reports().keySet().containsAll(spec.children())) {
            complete(id, entry);
        } else {
            store.put(id, entry.encode());
        }
    }

    private GatherEntry.Report report(Bytes id, String child, Envelope<T> envelope) {
        if (!envelope.isFailed()) {
            return GatherEntry.Report.success(spec.valueSerde().serializer().serialize(spec.storeName(), envelope.value()));
        }
        NodeFailure failure = envelope.failure();
        liveErrors.computeIfAbsent(id, ignored -> new HashMap<>()).put(child, failure.error());
        return new GatherEntry.Report(null, failure.error().getClass().getName(), failure.message(), failure.nodePath(),
                failure.nodeName());
    }

    private void completeTimedOut(long now) {
        List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
        // NOTE: every punctuation reads the whole store; that is fine while few gathers wait at once.
        try (KeyValueIterator<Bytes, byte[]> iterator = store.all()) {
            while (iterator.hasNext()) {
                KeyValue<Bytes, byte[]> item = iterator.next();
                if (GatherEntry.decode(item.value).deadline() <= now) {
                    due.add(item);
                }
            }
        }
        for (KeyValue<Bytes, byte[]> item : due) {
            GatherEntry entry = GatherEntry.decode(item.value);
            List<String> missing = spec.children().stream().filter(child -> !entry.reports().containsKey(child)).toList();
            LOG.warn("Gather of {} ({}) timed out after {} without children {}; the reducer runs without them",
                    spec.node().path(), spec.node().name(), GoDuration.format(spec.timeout()), missing);
            complete(item.key, entry);
        }
    }

    private void complete(Bytes id, GatherEntry entry) {
        store.delete(id);
        Map<String, Throwable> live = liveErrors.remove(id);
        String topic = spec.storeName();
        T original = spec.valueSerde().deserializer().deserialize(topic, entry.value());

        Map<String, T> results = new LinkedHashMap<>();
        Map<String, Throwable> errors = new LinkedHashMap<>();
        for (String child : spec.children()) {
            GatherEntry.Report report = entry.reports().get(child);
            if (report == null) {
                errors.put(child, new GatherTimeoutException("child " + child + " of " + spec.node().path() + " ("
                        + spec.node().name() + ") did not report within " + GoDuration.format(spec.timeout())
                        + "; make the child faster or raise the gather timeout (CompileOptions.Builder.gatherTimeout)"));
            } else if (report.succeeded()) {
                results.put(child, spec.valueSerde().deserializer().deserialize(topic, report.result()));
            } else {
                Throwable error = live == null ? null : live.get(child);
                errors.put(child, error != null ? error
                        : new ReportedFailureException(report.errorClass(), report.message(), report.nodePath()));
            }
        }

        Envelope<T> envelope = Envelope.of(original);
        FrameCodec.decode(entry.frames(), spec.valueSerde(), topic).forEach(envelope::enter);
        envelope.setOrigin(entry.origin());
        reduce(envelope, original, results, errors);
        Object key = entry.key() == null ? null : spec.keySerde().deserializer().deserialize(topic, entry.key());
        context.forward(new Record<>(key, envelope, entry.timestamp(), entry.headers()));
    }

    private void reduce(Envelope<T> envelope, T original, Map<String, T> results, Map<String, Throwable> errors) {
        T copy = spec.valueSerde().deserializer().deserialize(spec.storeName(),
                spec.valueSerde().serializer().serialize(spec.storeName(), original));
        try {
            T reduced = spec.reducer().reduce(original, results, errors);
            if (reduced == null) {
                throw new IllegalStateException("reducer '" + spec.reducerName()
                        + "' returned null; return the merged value, or throw to fail the record");
            }
            envelope.setValue(reduced);
        } catch (Exception e) {
            envelope.setValue(copy);
            envelope.fail(new NodeFailure(e, spec.node().name(), spec.node().path(), 1, Instant.now(), copy));
        }
    }
}
