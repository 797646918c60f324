package io.flume.compiler.nodes;

import io.flume.api.Channel;
import io.flume.api.Cloner;
import io.flume.compiler.CompileOptions;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.DirectOffer;
import io.flume.runtime.processors.DirectChannelProcessor;
import io.flume.runtime.processors.NodeId;
import io.flume.runtime.processors.StreamSendProcessor;
import io.flume.schema.Node;
import java.time.Duration;
import java.util.List;

/**
 * {@code stream: NAME}: sends a copy of the record to the stream, then continues with
 * {@code child} or {@code children} (as a sequence) when present, else with the record unchanged.
 *
 * <p>In a topology the send is a sink to the stream's topic, for healthy envelopes only; when the
 * stream has a {@code direct} channel, the node offers into the channel's queue instead and fails
 * the record when the queue stays full for {@code stream_timeout}. In in-process execution every
 * send is collected in the result, and a direct channel is also offered the value. A channel fed
 * from a topic is not offered anything there, because in-process execution has no topic. Inside
 * an inline subtree, direct channels are offered the value only once the subtree has succeeded
 * (see {@code Execution}).
 */
final class StreamCompiler implements NodeCompiler {

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        String stream = node.stream();
        String name = build.name(node);
        Channel<T> channel = build.flume().getChannel(stream).orElse(null);
        Line line = in;
        if (channel != null && channel.isDirect()) {
            NodeId id = build.id(node);
            Cloner<T> cloner = build.flume().cloner();
            Duration timeout = timeoutOf(node);
            var metrics = build.options().metrics();
            line = build.process(in, name, () -> new DirectChannelProcessor<>(id, stream, channel, cloner, timeout, metrics));
            build.recordChannel(stream, channel);
        } else {
            var metrics = build.options().metrics();
            Line sends = build.process(in, name + ".send", () -> new StreamSendProcessor<T>(stream, metrics));
            build.streamSink(sends, name + ".sink", stream);
            if (channel != null) {
                build.recordChannel(stream, channel);
            }
        }
        return continuation(node) == null ? line : SequenceCompiler.chain(build, continuation(node), line);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        String stream = node.stream();
        NodeId id = build.id(node);
        Cloner<T> cloner = build.flume().cloner();
        Channel<T> channel = build.flume().getChannel(stream).filter(Channel::isDirect).orElse(null);
        DirectOffer<T> direct = channel == null ? null
                : new DirectOffer<>(stream, id, channel, timeoutOf(node), build.options().metrics());
        Step<T> next = continuation(node) == null ? null : SequenceCompiler.chain(build, continuation(node));
        return (execution, value) -> {
            T copy = cloner.copy(value);
            if (direct != null) {
                execution.send(stream, id.path(), copy, direct);
            } else {
                execution.send(stream, id.path(), copy);
            }
            return next == null ? value : next.apply(execution, value);
        };
    }

    private static Duration timeoutOf(Node node) {
        return node.streamTimeout() != null ? node.streamTimeout() : CompileOptions.DEFAULT_DIRECT_CHANNEL_TIMEOUT;
    }

    private static List<Node> continuation(Node node) {
        if (node.child() != null) {
            return List.of(node.child());
        }
        return node.children();
    }
}
