package io.flume.compiler.nodes;

import io.flume.Flume;
import io.flume.api.Channel;
import io.flume.compiler.CompileOptions;
import io.flume.compiler.NodeNames;
import io.flume.compiler.ValueSerdes;
import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.inline.InlineExecutor;
import io.flume.runtime.live.LiveParameters;
import io.flume.runtime.live.Parameter;
import io.flume.runtime.metrics.NodeCounters;
import io.flume.runtime.processors.DeadLetterProcessor;
import io.flume.runtime.processors.NodeId;
import io.flume.runtime.serde.KeyConversion;
import io.flume.runtime.routing.RouteProcessor;
import io.flume.runtime.routing.Routes;
import io.flume.schema.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The state of one schema's compilation onto a Kafka Streams {@link Topology}, built with the
 * Processor API ({@link Line} explains why): the registry, the names of the nodes, the serdes, and
 * the topics and channels that stream nodes used.
 *
 * @param <T> the pipeline's value type
 */
public final class TopologyBuild<T> {

    private final Flume<T> flume;
    private final NodeNames names;
    private final CompileOptions options;
    private final Serde<Object> keySerde;
    private final Serde<T> valueSerde;
    private final InlineBuild<T> inline;
    private final Map<String, String> streamTopics = new LinkedHashMap<>();
    private final Map<String, Serde<T>> streamValueSerdes = new LinkedHashMap<>();
    private final Map<String, Channel<T>> bridgedChannels = new LinkedHashMap<>();
    private final Map<String, Channel<T>> directChannels = new LinkedHashMap<>();
    private final Topology topology;
    private final List<TopologyGraph.Entry> entries = new ArrayList<>();
    private final Map<String, Set<String>> anchoredStores = new LinkedHashMap<>();
    private String storeAnchor;
    private final Set<String> retryTopics = new LinkedHashSet<>();
    /** The names of the sources, processors and sinks added so far, which Kafka Streams requires to be unique. */
    private final Set<String> usedNodeNames = new HashSet<>();
    private Duration punctuationInterval;
    private final LiveParameters live = new LiveParameters();

    @SuppressWarnings("unchecked")
    public TopologyBuild(Flume<T> flume, NodeNames names, CompileOptions options, Topology topology,
                         InlineExecutor executor) {
        this.flume = flume;
        this.names = names;
        this.options = options;
        this.keySerde = (Serde<Object>) options.keySerde();
        this.valueSerde = ValueSerdes.resolve(options.valueSerde(), flume);
        this.topology = topology;
        this.inline = new InlineBuild<>(flume, names, options, executor, live);
    }

    /** Compiles {@code node} onto {@code in} with the compiler of its kind. */
    public Line compile(Node node, Line in) {
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

    /** Returns the application's value serde, which {@code source.value-serde} selects. */
    public Serde<T> valueSerde() {
        return valueSerde;
    }

    /** Returns the value serde of {@code stream}'s topic: its own {@code value-serde}, else the application's. */
    public Serde<T> valueSerde(String stream) {
        return options.streamValueSerde(stream).map(format -> ValueSerdes.resolve(format, flume)).orElse(valueSerde);
    }

    /** Adds a processor with every processor of {@code in} as a parent, and returns its line. */
    public <KIn, VIn, KOut, VOut> Line process(Line in, String requestedName, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier,
                                               String... stores) {
        String name = reserveName(requestedName);
        topology.addProcessor(name, supplier, in.parents());
        in.connect(name);
        if (stores.length > 0) {
            topology.connectProcessorAndStateStores(name, stores);
        }
        Set<String> connected = new LinkedHashSet<>(List.of(stores));
        if (supplier.stores() != null) {
            supplier.stores().forEach(store -> connected.add(store.name()));
        }
        record(TopologyGraph.Kind.PROCESSOR, name, in.parents(), Set.of(), connected);
        return Line.of(name);
    }

    /**
     * Adds a routing processor made by {@code routing} from its outlets, and returns the outlets;
     * {@link Line#routed} gives the line of each.
     */
    public <KIn, VIn, KOut, VOut> Routes addRouter(Line in, String requestedName,
                                                   Function<Routes, ProcessorSupplier<KIn, VIn, KOut, VOut>> routing) {
        String name = reserveName(requestedName);
        Routes routes = new Routes(name);
        topology.addProcessor(name, routing.apply(routes), in.parents());
        in.connect(name);
        record(TopologyGraph.Kind.PROCESSOR, name, in.parents(), Set.of(), Set.of());
        return routes;
    }

    /** Adds a processor that sends each record to the outlet that {@code outletOf} names. */
    public Routes route(Line in, String name, Function<Envelope<T>, String> outletOf) {
        return addRouter(in, name, routes -> () -> new RouteProcessor<>(outletOf, routes));
    }

    /** Adds a sink to {@code topic} for the plain values of {@code in}, with the pipeline's serdes. */
    public void sink(Line in, String name, String topic) {
        sink(in, name, topic, keySerde.serializer(), valueSerde.serializer());
    }

    /**
     * Adds a sink to the topic of {@code stream}, with the stream's serdes: a stream with its own
     * key serde converts each key from the source's key type to it.
     */
    void streamSink(Line in, String name, String stream) {
        String topic = options.topicOf(stream);
        Serializer<Object> keySerializer = options.streamKeySerde(stream).map(KeyConversion::serializer)
                .orElse(keySerde.serializer());
        Serde<T> streamValueSerde = valueSerde(stream);
        sink(in, name, topic, keySerializer, streamValueSerde.serializer());
        recordStreamTopic(stream, topic);
        streamValueSerdes.put(stream, streamValueSerde);
    }

    /** Adds a sink to {@code topic} with the given serializers. */
    public void sink(Line in, String requestedName, String topic, Serializer<?> keySerializer, Serializer<?> valueSerializer) {
        String name = reserveName(requestedName);
        topology.addSink(name, topic, keySerializer, valueSerializer, in.parents());
        in.connect(name);
        record(TopologyGraph.Kind.SINK, name, in.parents(), Set.of(topic), Set.of());
    }

    /** Adds a source that reads {@code topics}, and returns its line. */
    public Line source(String requestedName, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer, String... topics) {
        String name = reserveName(requestedName);
        topology.addSource(name, keyDeserializer, valueDeserializer, topics);
        record(TopologyGraph.Kind.SOURCE, name, new String[0], Set.of(topics), Set.of());
        return Line.of(name);
    }

    /**
     * Reserves and returns a name for a new source, processor or sink: {@code requested}, or the
     * first free one of {@code requested-2}, {@code requested-3}... when an earlier one has it.
     * A node's stable name can equal a name that its parent gave a processor of its own: a
     * {@code ref: send} continuing {@code stream: alerts} is named {@code stream-alerts.send}, as
     * is the stream's send processor. Nodes are compiled in a fixed order, so the suffixes are
     * stable too.
     */
    private String reserveName(String requested) {
        String name = requested;
        for (int suffix = 2; !usedNodeNames.add(name); suffix++) {
            name = requested + "-" + suffix;
        }
        return name;
    }

    /**
     * Makes later state stores connect to {@code processor} first, a processor close to the
     * source, such as the one that wraps source records.
     *
     * <p>When Kafka Streams 4.4 connects a store to its first processor, it looks for the source
     * topics behind that processor by walking every path back to a source, without remembering
     * the nodes it has seen, so the walk doubles with each branching node upstream: a
     * {@code concurrent} with a {@code reducer} after 40 of them would never finish compiling.
     * It walks once per store, so connecting each store first to a processor next to the source
     * keeps every later connection cheap. That processor never uses the store.
     */
    public void anchorStoresAt(String processor) {
        this.storeAnchor = processor;
    }

    /** Adds a state store; {@link #process} connects it to the processors that name it. */
    public void addStateStore(StoreBuilder<?> store) {
        if (storeAnchor == null) {
            topology.addStateStore(store);
        } else {
            topology.addStateStore(store, storeAnchor);
            anchoredStores.computeIfAbsent(storeAnchor, name -> new LinkedHashSet<>()).add(store.name());
        }
    }

    private void record(TopologyGraph.Kind kind, String name, String[] parents, Set<String> topics, Set<String> stores) {
        entries.add(new TopologyGraph.Entry(kind, name, List.of(parents), topics, stores));
    }

    /**
     * Returns the description of the topology built so far, with the nodes, edges, stores and
     * topics that the compiler added; see {@link TopologyGraph} for why not Kafka Streams' own.
     */
    public TopologyGraph description() {
        List<TopologyGraph.Entry> described = new ArrayList<>();
        for (TopologyGraph.Entry entry : entries) {
            Set<String> anchored = anchoredStores.get(entry.name());
            if (anchored == null) {
                described.add(entry);
            } else {
                Set<String> stores = new LinkedHashSet<>(entry.stores());
                stores.addAll(anchored);
                described.add(new TopologyGraph.Entry(entry.kind(), entry.name(), entry.parents(), entry.topics(), stores));
            }
        }
        return TopologyGraph.of(described);
    }

    /**
     * Ends a line of the topology: failed envelopes go to the dead-letter topic (or are logged,
     * or stop the application, per {@code errors.on-unhandled}); healthy ones end here.
     */
    public void endLine(Line line, String name) {
        endLine(line, name, false);
    }

    /**
     * Ends the root node's line like {@link #endLine(Line, String)}, and counts every record
     * that arrives there as completed.
     */
    public void endPipeline(Line line, String name) {
        endLine(line, name, true);
    }

    private void endLine(Line line, String name, boolean endOfPipeline) {
        Line deadLetters = process(line, name + ".dead-letter",
                () -> new DeadLetterProcessor<T>(options.onUnhandled(), options.deadLetterTopic(), options.metrics(), endOfPipeline));
        sink(deadLetters, name + ".dead-letter-sink", options.deadLetterTopic());
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

    /** Returns the value serde of each stream that has a sink, by stream name. */
    public Map<String, Serde<T>> streamValueSerdes() {
        return streamValueSerdes;
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
