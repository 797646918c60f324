package io.flume.runtime.inline;

import io.flume.api.Channel;
import io.flume.api.ChannelRecord;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.metrics.FlumeMetrics;
import io.flume.runtime.processors.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * The offer of a {@code stream} node into its stream's direct channel, made after the inline
 * subtree has finished. It waits at most {@code timeout} for room and fails the record at the
 * stream node when the queue stays full.
 *
 * @param stream the stream's name, which is also the channel's
 * @param node the stream node
 */
public record DirectOffer<T>(String stream, NodeId node, Channel<T> channel, Duration timeout, FlumeMetrics metrics) {

    /** Offers {@code record} into the channel. */
    public void offer(ChannelRecord<T> record) throws StepFailedException {
        try {
            if (channel.offer(record, timeout)) {
                metrics.recordStreamSend(stream);
                return;
            }
            metrics.recordDirectChannelTimeout(stream);
            throw new StepFailedException(new NodeFailure(new TimeoutException(fullMessage(stream, channel, timeout)),
                    node.name(), node.path(), 1, Instant.now(), record.value()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailedException(new NodeFailure(e, node.name(), node.path(), 1, Instant.now(), record.value()));
        }
    }

    /** Returns the failure message of a record whose offer timed out. */
    public static String fullMessage(String stream, Channel<?> channel, Duration timeout) {
        return "channel '" + stream + "' stayed full (capacity " + channel.capacity() + ") for the stream_timeout of "
                + timeout.toMillis() + " ms; take records faster, raise the channel's capacity or the node's stream_timeout";
    }
}
