package io.flume.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.examples.earthquakes.EarthquakeComponents;
import io.flume.runtime.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The benchmark workloads written directly against the Kafka Streams DSL, calling the same
 * component functions as the schemas, as a developer would write them without Flume.
 *
 * <p>Differences from the compiled earthquakes pipeline, which favour the hand-written one: its
 * {@code notify} runs once, and a failure goes straight to the dead-letter topic, where the
 * compiled {@code retry} node saves a copy of the input and reads a retry topic. No notification
 * fails on the USGS data, so both send the same records to the same streams.
 */
public final class HandWrittenTopologies {

    private static final Serde<String> KEYS = Serdes.String();
    private static final Serde<ObjectNode> VALUES = new JsonSerde<>(ObjectNode.class);
    private static final String ERROR_HEADER = "error";

    private HandWrittenTopologies() {
    }

    /** Builds the workload's topology; {@code topicOf} maps a stream name, or {@code dead-letter}, to its topic. */
    public static Topology build(Workload workload, String inputTopic, Function<String, String> topicOf) {
        return switch (workload) {
            case EARTHQUAKES -> earthquakes(inputTopic, topicOf);
            case FLIGHTS -> flights(inputTopic, topicOf);
        };
    }

    /** Copies the input topic's bytes to {@code outputTopic}. */
    public static Topology passThrough(String inputTopic, String outputTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputTopic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(outputTopic, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }

    static Topology flights(String inputTopic, Function<String, String> topicOf) {
        Map<String, String> bandTopics = Map.of(
                "on-time", topicOf.apply("flights.on-time"),
                "delayed", topicOf.apply("flights.delayed"),
                "late", topicOf.apply("flights.late"));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputTopic, Consumed.with(KEYS, VALUES))
                .filter((key, flight) -> FlightComponents.isLongHaul(flight))
                .to((key, flight, context) -> bandTopics.get(FlightComponents.delayBand(flight)), Produced.with(KEYS, VALUES));
        return builder.build();
    }

    static Topology earthquakes(String inputTopic, Function<String, String> topicOf) {
        String deadLetterTopic = topicOf.apply("dead-letter");
        Map<String, String> severityTopics = Map.of(
                "micro", topicOf.apply("quakes.minor"),
                "minor", topicOf.apply("quakes.minor"),
                "light", topicOf.apply("quakes.moderate"),
                "moderate", topicOf.apply("quakes.moderate"),
                "strong", topicOf.apply("quakes.major"),
                "major", topicOf.apply("quakes.major"));
        Produced<String, ObjectNode> produced = Produced.with(KEYS, VALUES);
        StreamsBuilder builder = new StreamsBuilder();

        KStream<String, ObjectNode> valid = guarded(builder.stream(inputTopic, Consumed.with(KEYS, VALUES)),
                feature -> EarthquakeComponents.enrich(EarthquakeComponents.validate(feature)), "enrich", deadLetterTopic);

        Map<String, KStream<String, ObjectNode>> byType = valid.split(Named.as("type-"))
                .branch((key, feature) -> EarthquakeComponents.isEarthquake(feature), Branched.as("earthquake"))
                .defaultBranch(Branched.as("other"));

        KStream<String, ObjectNode> quakes = byType.get("type-earthquake");
        quakes.to((key, feature, context) -> severityTopics.get(EarthquakeComponents.severity(feature)), produced);
        KStream<String, ObjectNode> notable = quakes.filter((key, feature) -> EarthquakeComponents.isNotable(feature));
        notable.to(topicOf.apply("quakes.notable"), produced);
        notable.filter((key, feature) -> EarthquakeComponents.hasTsunamiWarning(feature)).to(topicOf.apply("quakes.tsunami"), produced);
        guarded(notable, feature -> EarthquakeComponents.notify(1, feature), "notify", deadLetterTopic)
                .to(topicOf.apply("quakes.notified"), produced);

        String otherEvents = topicOf.apply("quakes.other-events");
        String unclassified = topicOf.apply("quakes.unclassified");
        byType.get("type-other").to((key, feature, context) -> switch (EarthquakeComponents.eventType(feature)) {
            case "explosion", "quarry-blast" -> otherEvents;
            default -> unclassified;
        }, produced);
        return builder.build();
    }

    /**
     * Applies {@code step} to each value; a value whose step throws goes to the dead-letter topic
     * with the error message in a header, and the returned stream carries the others.
     */
    private static KStream<String, ObjectNode> guarded(KStream<String, ObjectNode> in, Function<ObjectNode, ObjectNode> step,
            String name, String deadLetterTopic) {
        Map<String, KStream<String, ObjectNode>> outcome = in
                .processValues(() -> new GuardedStep(step), Named.as(name))
                .split(Named.as(name + "-"))
                .branch((key, value) -> value.has(ERROR_HEADER), Branched.as("failed"))
                .defaultBranch(Branched.as("ok"));
        outcome.get(name + "-failed").to(deadLetterTopic, Produced.with(KEYS, VALUES));
        return outcome.get(name + "-ok");
    }

    /** Runs a step and, when it throws, forwards the input wrapped as {@code {"error": ..., "value": ...}}. */
    private static final class GuardedStep implements FixedKeyProcessor<String, ObjectNode, ObjectNode> {
        private final Function<ObjectNode, ObjectNode> step;
        private FixedKeyProcessorContext<String, ObjectNode> context;

        GuardedStep(Function<ObjectNode, ObjectNode> step) {
            this.step = step;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, ObjectNode> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, ObjectNode> record) {
            try {
                context.forward(record.withValue(step.apply(record.value())));
            } catch (RuntimeException e) {
                ObjectNode failed = JsonSerde.mapper().createObjectNode();
                failed.put(ERROR_HEADER, String.valueOf(e.getMessage()));
                failed.set("value", record.value());
                record.headers().add(ERROR_HEADER, String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
                context.forward(record.withValue(failed));
            }
        }
    }
}
