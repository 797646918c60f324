package io.flume.compiler;

import io.flume.Flume;
import io.flume.compiler.nodes.Line;
import io.flume.compiler.nodes.NodeCompilers;
import io.flume.compiler.nodes.TopologyBuild;
import io.flume.compiler.nodes.TopologyGraph;
import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.inline.InlineExecutor;
import io.flume.runtime.processors.NodeId;
import io.flume.runtime.processors.WrapProcessor;
import io.flume.schema.Schema;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a validated schema into a Kafka Streams {@link Topology} with the Processor API. The
 * topology reads the source topics, wraps each value in an {@link Envelope}, runs the schema's
 * root node, and ends in the dead-letter sink; the pipeline's output leaves through its
 * {@code stream} nodes.
 *
 * <p>The DSL is not used: {@code StreamsBuilder.build()} in Kafka Streams 4.4 visits each DSL node
 * once per path from the source, and every branching node splits and joins the stream, so build
 * time grew exponentially with the branching nodes of one sequence (20 filters in a row took
 * about 2 s, a generated 401-node schema never finished). With the Processor API a branch is a
 * routing processor that forwards to a named child, and a join is a processor with several
 * parents ({@code nodes.Line}), so building is linear in the number of nodes.
 */
public final class TopologyCompiler {

    /** The stable name of the source node, which dead-letter records of undecodable input name too. */
    public static final String SOURCE_NAME = "flume.source";

    private static final String WRAP_NAME = "flume.wrap";

    /**
     * The longest path, in topology nodes, that compiles without a warning. Kafka Streams passes
     * a record along a path as nested calls: on JDK 17 with the default 1 MiB thread stack, a
     * sequence of 1,000 processors ran and one of 1,500 overflowed the stack (4 MiB: 3,000 ran),
     * and a generated schema with a path of 929 nodes overflowed it in a test JVM, where the
     * first record runs in the interpreter, whose frames are larger.
     */
    static final int DEEP_PATH_WARNING = 500;

    private static final Logger LOG = LoggerFactory.getLogger(TopologyCompiler.class);

    private TopologyCompiler() {
    }

    /**
     * Compiles {@code schema} with the components of {@code flume}.
     *
     * @throws CompileException when a node's kind cannot be compiled yet, or a component is missing
     */
    public static <T> CompiledTopology<T> compile(Schema schema, Flume<T> flume, CompileOptions options) {
        NodeCompilers.checkSupported(schema.root());
        NodeNames names = NodeNames.of(schema.root());
        Topology topology = new Topology(topologyConfig(options));
        // Starts no thread until a timeout node runs, so a failed compilation leaves nothing to close.
        InlineExecutor executor = new InlineExecutor(options.inlineThreads());
        TopologyBuild<T> build = new TopologyBuild<>(flume, names, options, topology, executor);

        Line source = build.source(SOURCE_NAME, build.keySerde().deserializer(), build.valueSerde().deserializer(),
                options.sourceTopics().toArray(String[]::new));
        NodeId sourceId = new NodeId(SOURCE_NAME, "source");
        Line wrapped = build.process(source, WRAP_NAME,
                build.liveParameters().pinning(() -> new WrapProcessor<T>(sourceId, options.metrics())));
        build.anchorStoresAt(WRAP_NAME);
        Line end = build.compile(schema.root(), wrapped);
        build.endPipeline(end, "flume.end");

        TopologyGraph description = build.description();
        if (description.longestPath() > DEEP_PATH_WARNING) {
            LOG.warn("The topology of {} has a path of {} nodes. Kafka Streams runs a record along it as nested calls, which can"
                    + " overflow the stream thread's stack (paths of 1,000 to 1,500 nodes did with the default 1 MiB); give the JVM a larger"
                    + " stack, such as -Xss4m in JAVA_TOOL_OPTIONS, or shorten the longest sequence", schema.source(),
                    description.longestPath());
        }
        return new CompiledTopology<>(schema, topology, options, names, build.streamTopics(),
                build.bridgedChannels(), build.directChannels(), build.valueSerde(), build.streamValueSerdes(),
                build.retryTopics(),
                build.punctuationInterval().orElse(null), executor, build.liveParameters(), description);
    }

    /**
     * Returns the topology's settings. The bootstrap address is a placeholder, since building
     * connects to nothing.
     */
    private static TopologyConfig topologyConfig(CompileOptions options) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, options.applicationId());
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        properties.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // As in CompiledTopology.streamsProperties(); without it StreamsConfig logs a warning on every compile.
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return new TopologyConfig(new StreamsConfig(properties));
    }
}
