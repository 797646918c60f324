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
    private final List<Send<T>> sends;
    private final List<NodeFailure> childFailures;
    private final List<NodeFailure> scaffoldFailures;
    private final int attempt;

    public Execution(Object key, Headers headers, long timestamp, String topic, int partition, long offset) {
        this.key = key;
        this.headers = headers == null ? new RecordHeaders() : headers;
        this.timestamp = timestamp;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.sends = new ArrayList<>();
        this.childFailures = new ArrayList<>();
        this.scaffoldFailures = new ArrayList<>();
        this.attempt = 1;
    }

    private Execution(Execution<T> parent, int attempt) {
        this.key = parent.key;
        this.headers = parent.headers;
        this.timestamp = parent.timestamp;
        this.topic = parent.topic;
        this.partition = parent.partition;
        this.offset = parent.offset;
        this.sends = parent.sends;
        this.childFailures = parent.childFailures;
        this.scaffoldFailures = parent.scaffoldFailures;
        this.attempt = attempt;
    }

    /**
     * Returns a view of this execution whose processors see {@code attempt}, for the attempts of a
     * {@code retry} node; sends and failures go to this execution.
     */
    public Execution<T> atAttempt(int attempt) {
        return attempt == this.attempt ? this : new Execution<>(this, attempt);
    }

    /** Returns the attempt number processors see: 1, or the attempt of the innermost retry. */
    public int attempt() {
        return attempt;
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
