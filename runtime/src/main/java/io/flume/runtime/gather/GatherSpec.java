package io.flume.runtime.gather;

import io.flume.api.Reducer;
import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.processors.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The settings of one {@code concurrent} node with a reducer on the topology back-end, shared by
 * its open and gather processors.
 *
 * @param node the {@code concurrent} node
 * @param storeName the node's gather store, {@code NODE.gather-store}
 * @param children the children's names as the reducer receives them, in schema order
 * @param timeout how long a gather waits for its children before it completes without the missing ones
 */
public record GatherSpec<T>(NodeId node, String storeName, List<String> children, Duration timeout,
                            Serde<Object> keySerde, Serde<T> valueSerde, String reducerName, Reducer<T> reducer) {

    /**
     * Returns the source position of the record being processed: the one the envelope carries
     * (records released from a retry store), else the record metadata's, else null.
     */
    static Envelope.Origin originOf(Envelope<?> envelope, Optional<RecordMetadata> metadata) {
        if (envelope.origin() != null) {
            return envelope.origin();
        }
        return metadata.map(m -> new Envelope.Origin(m.topic(), m.partition(), m.offset())).orElse(null);
    }

    /** Returns how often the gather processor looks for timed-out gathers: a tenth of the timeout, from 100 ms to 10 s. */
    public Duration punctuationInterval() {
        Duration tenth = timeout.dividedBy(10);
        if (tenth.compareTo(Duration.ofMillis(100)) < 0) {
            return Duration.ofMillis(100);
        }
        return tenth.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : tenth;
    }
}
