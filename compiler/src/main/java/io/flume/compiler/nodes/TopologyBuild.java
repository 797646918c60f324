package io.flume.compiler.nodes;

import io.flume.Flume;
import io.flume.api.Channel;
import io.flume.compiler.CompileOptions;
import io.flume.compiler.NodeNames;
import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.inline.InlineExecutor;
import io.flume.runtime.live.LiveParameters;
import io.flume.runtime.live.Parameter;
import io.flume.runtime.metrics.NodeCounters;
import io.flume.runtime.processors.DeadLetterProcessor;
import io.flume.runtime.processors.NodeId;
import io.flume.schema.Node;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The state of one schema's compilation onto the Kafka Streams DSL: the registry, the names of
 * the nodes, the serdes, and the topics and channels that stream nodes used.
 *
 * @param <T> the pipeline's value type
 */
public final class TopologyBuild<T> {

    private final Flume<T> flume;
    private final NodeNames names;
    private final CompileOptions options;
    private final Serde<Object> keySerde;
    private final InlineBuild<T> inline;
    private final Map<String, String> streamTopics = new LinkedHashMap<>();
    private final Map<String, Channel<T>> bridgedChannels = new LinkedHashMap<>();
    private final Map<String, Channel<T>> directChannels = new LinkedHashMap<>();
    private final StreamsBuilder streamsBuilder;
    private final Set<String> retryTopics = new LinkedHashSet<>();
    private Duration punctuationInterval;
    private final LiveParameters live = new LiveParameters();

    @SuppressWarnings("unchecked")
    public TopologyBuild(Flume<T> flume, NodeNames names, CompileOptions options, StreamsBuilder streamsBuilder,
                         InlineExecutor executor) {
        this.flume = flume;
        this.names = names;
        this.options = options;
        this.keySerde = (Serde<Object>) options.keySerde();
        this.streamsBuilder = streamsBuilder;
        this.inline = new InlineBuild<>(flume, names, options, executor, live);
    }

    /** Compiles {@code node} onto {@code in} with the compiler of its kind. */
    public KStream<Object, Envelope<T>> compile(Node node, KStream<Object, Envelope<T>> in) {
        return NodeCompilers.forNode(node).topology(this, node, in);
    }

    /** Registers the parameters of {@code node} that a reload may change, and returns their handle. */
    public <P> Parameter<P> live(Node node, P initial) {
        return live.register(node.path(), initial);
    }

    /** Returns the parameters that a reload may swap while the topology runs. */
    public LiveParameters liveParameters() {
        return live;
    }

    /** Returns the inline back-end's build, for subtrees that run inside one processor. */
    public InlineBuild<T> inline() {
        return inline;
    }

    public Flume<T> flume() {
        return flume;
    }

    public CompileOptions options() {
        return options;
    }

    public String name(Node node) {
        return names.nameOf(node);
    }

    public NodeId id(Node node) {
        return new NodeId(names.nameOf(node), node.path());
    }

    public NodeCounters counters(Node node) {
        return options.metrics().node(names.nameOf(node), node.path(), node.type().keyword());
    }

    public Serde<Object> keySerde() {
        return keySerde;
    }

    public Serde<T> valueSerde() {
        return flume.valueSerde();
    }

    /**
     * Returns the serdes for a sink named {@code name}. Sinks always name their serdes, because a
     * stream that comes out of {@code merge()} has lost the serdes of its inputs.
     */
    public Produced<Object, T> produced(String name) {
        return Produced.with(keySerde, flume.valueSerde()).withName(name);
    }

    /**
     * Ends a line of the topology: failed envelopes go to the dead-letter topic (or are logged,
     * or stop the application, per {@code errors.on-unhandled}); healthy ones end here.
     */
    public void endLine(KStream<Object, Envelope<T>> line, String name) {
        endLine(line, name, false);
    }

    /**
     * Ends the root node's line like {@link #endLine(KStream, String)}, and counts every record
     * that arrives there as completed.
     */
    public void endPipeline(KStream<Object, Envelope<T>> line, String name) {
        endLine(line, name, true);
    }

    private void endLine(KStream<Object, Envelope<T>> line, String name, boolean endOfPipeline) {
        line.processValues(() -> new DeadLetterProcessor<T>(options.onUnhandled(), options.deadLetterTopic(), options.metrics(),
                        endOfPipeline), Named.as(name + ".dead-letter"))
                .to(options.deadLetterTopic(), produced(name + ".dead-letter-sink"));
    }

    /** Returns the builder, for nodes that add sources of their own (retry topics). */
    public StreamsBuilder streamsBuilder() {
        return streamsBuilder;
    }

    /** Records a retry topic, which the application reads and writes, with the source topic's partition count. */
    void recordRetryTopic(String topic) {
        retryTopics.add(topic);
    }

    /** Records the interval of a wall-clock punctuator; the shortest one is kept. */
    void recordPunctuationInterval(Duration interval) {
        if (punctuationInterval == null || interval.compareTo(punctuationInterval) < 0) {
            punctuationInterval = interval;
        }
    }

    public Set<String> retryTopics() {
        return retryTopics;
    }

    /** Returns the shortest interval of the wall-clock punctuators that nodes scheduled, if any did. */
    public Optional<Duration> punctuationInterval() {
        return Optional.ofNullable(punctuationInterval);
    }

    void recordStreamTopic(String stream, String topic) {
        streamTopics.put(stream, topic);
    }

    void recordChannel(String stream, Channel<T> channel) {
        (channel.isDirect() ? directChannels : bridgedChannels).put(stream, channel);
        options.metrics().channel(stream, channel);
    }

    public Map<String, String> streamTopics() {
        return streamTopics;
    }

    public Map<String, Channel<T>> bridgedChannels() {
        return bridgedChannels;
    }

    public Map<String, Channel<T>> directChannels() {
        return directChannels;
    }
}
