package io.flume.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.compiler.CompileOptions;
import io.flume.compiler.CompiledTopology;
import io.flume.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * One workload built one way, with the topics it writes. Stream topics are {@code PREFIX + stream}
 * and the dead-letter topic {@code PREFIX + "dead-letter"}, so that runs on one broker do not share
 * output topics.
 *
 * @param topology the topology to run
 * @param properties the Streams properties the topology needs (Flume's handlers for a compiled one), without the broker address
 * @param outputTopics every topic the topology writes to
 * @param retryTopics retry topics the topology both writes and reads
 * @param compiled the compiled topology, or null for the other implementations
 */
public record BenchTopology(Topology topology, Properties properties, List<String> outputTopics, Set<String> retryTopics,
        CompiledTopology<ObjectNode> compiled) implements AutoCloseable {

    public static final String DEAD_LETTER = "dead-letter";
    public static final String PASS_THROUGH_OUTPUT = "pass-through";

    public static BenchTopology build(Workload workload, Implementation implementation, String applicationId, String inputTopic,
            String topicPrefix) {
        return switch (implementation) {
            case COMPILED -> compiled(workload.flume(), workload.schema(), workload.streams(), applicationId, inputTopic, topicPrefix);
            case HAND_WRITTEN -> plain(HandWrittenTopologies.build(workload, inputTopic, stream -> topicPrefix + stream),
                    applicationId, outputs(workload.streams(), topicPrefix));
            case PASS_THROUGH -> plain(HandWrittenTopologies.passThrough(inputTopic, topicPrefix + PASS_THROUGH_OUTPUT),
                    applicationId, List.of(topicPrefix + PASS_THROUGH_OUTPUT));
        };
    }

    /** Compiles {@code schema} against {@code flume}, with the benchmark's topic names for {@code streams}. */
    public static BenchTopology compiled(Flume<ObjectNode> flume, Schema schema, List<String> streams, String applicationId,
            String inputTopic, String topicPrefix) {
        CompileOptions.Builder options = CompileOptions.builder()
                .applicationId(applicationId)
                .sourceTopics(List.of(inputTopic))
                .keySerde(Serdes.String())
                .deadLetterTopic(topicPrefix + DEAD_LETTER);
        streams.forEach(stream -> options.streamTopic(stream, topicPrefix + stream));
        CompiledTopology<ObjectNode> compiled = flume.compile(schema, options.build());
        List<String> outputs = new ArrayList<>(compiled.streamTopics().values().stream().distinct().toList());
        outputs.add(compiled.deadLetterTopic());
        return new BenchTopology(compiled.topology(), compiled.streamsProperties(), outputs, compiled.retryTopics(), compiled);
    }

    private static BenchTopology plain(Topology topology, String applicationId, List<String> outputTopics) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        return new BenchTopology(topology, properties, outputTopics, Set.of(), null);
    }

    private static List<String> outputs(List<String> streams, String topicPrefix) {
        Set<String> topics = new LinkedHashSet<>();
        streams.forEach(stream -> topics.add(topicPrefix + stream));
        topics.add(topicPrefix + DEAD_LETTER);
        return List.copyOf(topics);
    }

    @Override
    public void close() {
        if (compiled != null) {
            compiled.close();
        }
    }
}
