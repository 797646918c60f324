package io.flume.compiler.nodes;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.processors.EnterProcessor;
import io.flume.runtime.processors.LeaveProcessor;
import io.flume.schema.Node;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The shared topology shape of {@code fallback} and {@code handle}: an entry that saves the
 * input ({@code NODE.enter}), the guarded child, then {@code split()} into the records that
 * failed inside the node ({@code NODE.branch-FAILURE}, handled by {@code onFailure}) and
 * everything else ({@code NODE.branch-pass}, which leaves the node), merged back
 * ({@code NODE.merge-FAILURE}).
 *
 * <p>A record that arrived already failed saved nothing, so it takes the pass branch and keeps
 * its failure: a node only handles failures that happened inside it.
 */
final class Guarded {

    static final String PASS = "pass";

    private Guarded() {
    }

    static <T> KStream<Object, Envelope<T>> topology(TopologyBuild<T> build, Node node, Node child, String failureBranch,
                                                     UnaryOperator<KStream<Object, Envelope<T>>> onFailure,
                                                     KStream<Object, Envelope<T>> in) {
        String name = build.name(node);
        KStream<Object, Envelope<T>> entered = enter(build, node, in);
        KStream<Object, Envelope<T>> afterChild = build.compile(child, entered);

        BranchedKStream<Object, Envelope<T>> split = afterChild.split(Named.as(name + ".branch-"));
        split.branch((key, envelope) -> envelope.isFailed() && envelope.isInside(name),
                Branched.withFunction(onFailure::apply, failureBranch));
        Map<String, KStream<Object, Envelope<T>>> branches = split.defaultBranch(
                Branched.withFunction(line -> leave(name, line), PASS));

        KStream<Object, Envelope<T>> failed = branches.get(name + ".branch-" + failureBranch);
        KStream<Object, Envelope<T>> passed = branches.get(name + ".branch-" + PASS);
        return passed.merge(failed, Named.as(name + ".merge-" + failureBranch));
    }

    /** Appends the processor that saves a healthy record's input in a frame named after the node. */
    static <T> KStream<Object, Envelope<T>> enter(TopologyBuild<T> build, Node node, KStream<Object, Envelope<T>> in) {
        String name = build.name(node);
        var cloner = build.flume().cloner();
        return in.processValues(() -> new EnterProcessor<>(name, cloner), Named.as(name + ".enter"));
    }

    /** Appends the processor that drops the node's frame, for records the node lets pass. */
    static <T> KStream<Object, Envelope<T>> leave(String name, KStream<Object, Envelope<T>> line) {
        return line.processValues(() -> new LeaveProcessor<T>(name), Named.as(name + ".leave"));
    }
}
