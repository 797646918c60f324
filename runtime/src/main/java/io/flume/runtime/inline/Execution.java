package io.flume.runtime.inline;

import io.flume.api.ProcessingContext;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.processors.NodeId;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The state of one record's run through inline steps: what the processors see of the record,
 * the values {@code stream} nodes sent, and the failures of {@code concurrent} and
 * {@code scaffold} children, which do not fail the record itself.
 *
 * @param <T> the pipeline's value type
 */
public final class Execution<T> {

    /** A value a {@code stream} node sent, in the order the nodes ran. */
    public record Send<T>(String stream, String nodePath, T value) {
    }

    private final Object key;
    private final Headers headers;
    private final long timestamp;
    private final String topic;
    private final int partition;
    private final long offset;
    private final List<Send<T>> sends = new ArrayList<>();
    private final List<NodeFailure> childFailures = new ArrayList<>();
    private final List<NodeFailure> scaffoldFailures = new ArrayList<>();

    public Execution(Object key, Headers headers, long timestamp, String topic, int partition, long offset) {
        this.key = key;
        this.headers = headers == null ? new RecordHeaders() : headers;
        this.timestamp = timestamp;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    /** Creates an execution for a value that did not come from Kafka. */
    public static <T> Execution<T> standalone(Object key) {
        return new Execution<>(key, new RecordHeaders(), System.currentTimeMillis(), null, -1, -1);
    }

    /** Returns the context that a processor of {@code node} gets on its {@code attempt}-th run. */
    public ProcessingContext contextFor(NodeId node, int attempt) {
        return new ProcessingContext() {
            @Override
            public Object key() {
                return key;
            }

            @Override
            public Headers headers() {
                return headers;
            }

            @Override
            public long timestamp() {
                return timestamp;
            }

            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return partition;
            }

            @Override
            public long offset() {
                return offset;
            }

            @Override
            public String nodePath() {
                return node.path();
            }

            @Override
            public String nodeName() {
                return node.name();
            }

            @Override
            public int attempt() {
                return attempt;
            }
        };
    }

    public void send(String stream, String nodePath, T value) {
        sends.add(new Send<>(stream, nodePath, value));
    }

    public List<Send<T>> sends() {
        return List.copyOf(sends);
    }

    /** Records the failure of a {@code concurrent} child, which goes to the dead-letter output on its own. */
    public void childFailed(NodeFailure failure) {
        childFailures.add(failure);
    }

    public List<NodeFailure> childFailures() {
        return List.copyOf(childFailures);
    }

    /** Records the failure of a {@code scaffold} child, which is only logged and counted. */
    public void scaffoldChildFailed(NodeFailure failure) {
        scaffoldFailures.add(failure);
    }

    public List<NodeFailure> scaffoldFailures() {
        return List.copyOf(scaffoldFailures);
    }
}
