package io.flume.app;

import io.flume.ComponentLibraries;
import io.flume.ComponentLibrary;
import io.flume.Flume;
import io.flume.RunningApplication;
import io.flume.api.Channel;
import io.flume.compiler.CompileOptions;
import io.flume.compiler.CompiledTopology;
import io.flume.compiler.CompileException;
import io.flume.diff.SchemaDiff;
import io.flume.events.EventLogger;
import io.flume.validation.ValidationException;
import io.flume.config.ConfigLoader;
import io.flume.config.ValueSerdeCheck;
import io.flume.runtime.app.ClientConfigs;
import io.flume.runtime.app.StreamsRunner;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ChannelConfig;
import io.flume.runtime.errors.UnhandledFailureMode;
import io.flume.runtime.http.HttpEndpoint;
import io.flume.runtime.metrics.FlumeMetrics;
import io.flume.compiler.TopologyDiagrams;
import io.micrometer.core.instrument.MeterRegistry;
import io.flume.schema.Node;
import io.flume.schema.NodeType;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParser;
import io.flume.validation.ComponentCatalog;
import io.flume.validation.ValidationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application as the {@code flume} command runs it: a config, a component library and a
 * schema, validated and compiled, then run on Kafka Streams by a {@link StreamsRunner}.
 *
 * <pre>{@code
 * try (FlumeApplication<?> app = FlumeApplication.load(Path.of("flume.yaml"))) {
 *     app.start();
 *     ProduceResult result = app.produce(new InputFile(Path.of("data.jsonl"), "id"));
 *     app.awaitProcessed(result.produced(), Duration.ofMinutes(5), () -> { });
 * }
 * }</pre>
 *
 * <p>While the application runs, channels added to or removed from its registry
 * ({@link Flume#addChannel}, {@link Flume#removeChannel}) are bridged or unbridged: a bounded
 * channel whose stream the running topology sends to a topic gets a bridge at once. A direct
 * channel, or a channel of a stream that the running topology does not send to a topic, gets
 * records only after a restart, which a warning says.
 *
 * @param <T> the pipeline's value type
 */
public final class FlumeApplication<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlumeApplication.class);
    /** Refusals count the records of a dropped store up to this many. */
    private static final long PENDING_COUNT_LIMIT = 1_000_000;

    private final AppConfig config;
    private final Flume<T> flume;
    private final ComponentLibrary library;
    private volatile Schema schema;
    private volatile ValidationReport validation;
    private volatile CompiledTopology<T> compiled;
    private volatile Map<String, Duration> streamTimeouts;
    private final Flume.ChannelListener<T> channelListener = new RunningChannels();
    private StreamsRunner runner;
    private MeterRegistry meterRegistry;
    private volatile HttpEndpoint.SchemaDocument schemaDocument;

    private FlumeApplication(AppConfig config, Flume<T> flume, ComponentLibrary library, Schema schema) {
        this.config = config;
        this.flume = flume;
        this.library = library;
        this.schema = schema;
        ValueSerdeCheck.check(config, flume.valueType(), library != null ? "component library '" + library.name() + "'"
                : "the registry");
        flume.addListener(new EventLogger());
        config.channels().forEach((name, channelConfig) -> addConfiguredChannel(flume, name, channelConfig));
        this.validation = flume.validate(schema, catalogOf(config, flume));
        if (!validation.isValid()) {
            throw new ValidationException(validation);
        }
        this.compiled = flume.compileValidated(schema, compileOptions(config));
        this.streamTimeouts = streamTimeouts(schema.root(), new LinkedHashMap<>());
    }

    /**
     * Loads the config file, the component library it names (or {@code componentsOverride}) and
     * its schema (or {@code schemaOverride}), then validates and compiles.
     *
     * @throws io.flume.config.ConfigException for an invalid config file, or value serdes that do not
     *     fit the library's value type
     * @throws io.flume.schema.SchemaParseException for a schema that cannot be parsed
     * @throws io.flume.validation.ValidationException for a schema with errors
     */
    public static FlumeApplication<?> load(Path configFile, String componentsOverride, Path schemaOverride) throws IOException {
        AppConfig config = ConfigLoader.load(configFile);
        String components = componentsOverride != null ? componentsOverride : config.components().orElseThrow(() ->
                new IllegalArgumentException(configFile + ": the config names no component library; add 'components: NAME'"
                        + " or pass --components NAME"));
        Path schemaFile = schemaOverride != null ? schemaOverride : config.schema().orElseThrow(() ->
                new IllegalArgumentException(configFile + ": the config names no schema; add 'schema: pipeline.yaml'"
                        + " or pass the schema file"));
        return create(config, ComponentLibraries.find(components), SchemaParser.parse(schemaFile));
    }

    public static FlumeApplication<?> load(Path configFile) throws IOException {
        return load(configFile, null, null);
    }

    /**
     * Creates the application from parts that are already loaded. {@link #start} also starts the
     * library's {@link ComponentLibrary#start} hook.
     */
    public static FlumeApplication<?> create(AppConfig config, ComponentLibrary library, Schema schema) {
        return new FlumeApplication<>(config, library.create(), library, schema);
    }

    /** Creates the application from a registry; there is no library hook to start. */
    public static <T> FlumeApplication<T> of(AppConfig config, Flume<T> flume, Schema schema) {
        return new FlumeApplication<>(config, flume, null, schema);
    }

    /**
     * Returns the default config of a schema run without a config file: the application id
     * {@code flume}, one source topic named {@code input}, every stream to a topic of its own name.
     */
    public static AppConfig defaultConfig() {
        return AppConfig.builder(CompileOptions.DEFAULT_APPLICATION_ID)
                .source(io.flume.runtime.config.SourceConfig.of(CompileOptions.DEFAULT_SOURCE_TOPIC))
                .build();
    }

    /** Returns the compile options that a config implies, with fresh metrics. */
    public static CompileOptions compileOptions(AppConfig config) {
        return CompileOptions.builder(config).metrics(new FlumeMetrics()).build();
    }

    /**
     * Returns the catalog to validate against: the registry's components, and, when the config
     * lists streams, those streams and the channels (the registry's and the config's) as the only
     * stream names allowed. Every verb that has a config validates against this catalog.
     */
    public static ComponentCatalog catalogOf(AppConfig config, ComponentCatalog components) {
        if (config.streams().isEmpty()) {
            return components;
        }
        Set<String> streams = new TreeSet<>(config.streams().keySet());
        streams.addAll(components.channelNames());
        streams.addAll(config.channels().keySet());
        return ComponentCatalog.withDeclaredStreams(components, streams);
    }

    @SuppressWarnings("unchecked")
    private static <T> void addConfiguredChannel(Flume<T> flume, String name, ChannelConfig channelConfig) {
        if (!flume.hasChannel(name)) {
            flume.addChannel(name, "declared in the config", (Channel<T>) channelConfig.create());
        }
    }

    public AppConfig config() {
        return config;
    }

    public Flume<T> flume() {
        return flume;
    }

    public Schema schema() {
        return schema;
    }

    /** Returns the validation report, which contains the warnings of a valid schema. */
    public ValidationReport validation() {
        return validation;
    }

    public CompiledTopology<T> compiled() {
        return compiled;
    }

    public FlumeMetrics metrics() {
        return compiled.metrics();
    }

    /**
     * Sets the Micrometer registry that the runner binds the node metrics and Kafka Streams'
     * metrics to; call it before {@link #start}. Without it the runner picks one, as
     * {@link StreamsRunner} describes.
     */
    public FlumeApplication<T> meterRegistry(MeterRegistry registry) {
        this.meterRegistry = registry;
        return this;
    }

    /**
     * Returns the active schema as the HTTP endpoint's {@code /schema} serves it: its text, read
     * from its file, and its {@code version} key, or the first 12 hex digits of the text's
     * SHA-256 when it has none.
     */
    public HttpEndpoint.SchemaDocument schemaDocument() {
        if (schemaDocument == null) {
            // NOTE: one unnamed schema per application, named "default"; named schemas would name it here.
            schemaDocument = SchemaDocuments.of(SchemaDocuments.DEFAULT_NAME, schema);
        }
        return schemaDocument;
    }

    /**
     * Starts Kafka Streams (and the embedded broker when the config names no
     * {@code bootstrap.servers}), creating the source, stream, retry and dead-letter topics when
     * the config allows it, and bridging every channel fed from a topic. Retry topics get the
     * source topics' partition count; see {@link StreamsRunner.Builder#retryTopics}.
     */
    public synchronized StreamsRunner start(boolean shutdownHook) {
        if (runner != null) {
            throw new IllegalStateException("application " + config.applicationId() + " is already started");
        }
        StreamsRunner.Builder builder = StreamsRunner.builder(config, compiled.topology())
                .shutdownHook(shutdownHook)
                .metrics(compiled.metrics())
                .meterRegistry(meterRegistry)
                // Lambdas rather than method references, so that the endpoint follows reloads.
                .topology(() -> compiled.describe(), () -> TopologyDiagrams.mermaid(compiled.description()))
                .schema(() -> Optional.of(schemaDocument()));
        schemaDocument();
        builder.topics(topicsOf(compiled));
        // Retry topics take the source topics' partition count as the cluster has it, not topic-partitions.
        builder.retryTopics(compiled.retryTopics());
        compiled.streamsProperties().forEach((name, value) -> builder.streamsProperty(name.toString(), value));
        compiled.bridgedChannels().forEach((stream, channel) -> builder.channel(stream, compiled.streamTopics().get(stream),
                channel, compiled.valueSerde(stream).deserializer(), streamTimeouts.get(stream)));
        Map<String, Channel<T>> channels = new LinkedHashMap<>();
        flume.listChannels().forEach(name -> flume.getChannel(name).ifPresent(channel -> channels.put(name, channel)));
        Map<String, Serializer<T>> streamSerializers = new LinkedHashMap<>();
        channels.keySet().forEach(stream -> streamSerializers.put(stream, compiled.valueSerde(stream).serializer()));
        builder.extensionChannels(channels, compiled.valueSerde().serializer(), streamSerializers);
        runner = builder.start();
        flume.addChannelListener(channelListener);
        if (library != null) {
            startLibrary(runner);
        }
        return runner;
    }

    /** Starts the library's hook and attaches what it returns to the runner; stops everything when the hook fails. */
    private void startLibrary(StreamsRunner started) {
        RunningApplication running = new Running(config, flume, started);
        try {
            AutoCloseable handle = library.start(running);
            if (handle != null) {
                started.attach(handle);
            }
        } catch (RuntimeException e) {
            flume.removeChannelListener(channelListener);
            started.close();
            throw new IllegalStateException("component library '" + library.name() + "' failed to start with application "
                    + config.applicationId() + ": " + e.getMessage(), e);
        }
    }

    private record Running(AppConfig config, Flume<?> flume, StreamsRunner runner) implements RunningApplication {
    }

    /** Bridges and unbridges channels that the registry gains or loses while the application runs. */
    private final class RunningChannels implements Flume.ChannelListener<T> {

        @Override
        public void channelAdded(String name, Channel<T> channel) {
            String topic = compiled.streamTopics().get(name);
            if (topic == null) {
                LOG.warn("Channel '{}' was added while {} runs, but the running topology does not send a stream '{}' to a "
                        + "topic; the channel gets records only after a restart with a schema that streams to it",
                        name, config.applicationId(), name);
                return;
            }
            if (channel.isDirect()) {
                LOG.warn("Direct channel '{}' was added while {} runs, but the running topology sends stream '{}' to topic "
                        + "{}; the channel gets records only after a restart", name, config.applicationId(), name, topic);
                return;
            }
            runner.addChannel(name, topic, channel, compiled.valueSerde(name).deserializer(), streamTimeouts.get(name));
        }

        @Override
        public void channelRemoved(String name, Channel<T> channel) {
            if (runner.removeChannel(name)) {
                return;
            }
            if (compiled.directChannels().get(name) == channel) {
                LOG.warn("Direct channel '{}' was removed while {} runs; its stream node goes on offering into it until a "
                        + "restart", name, config.applicationId());
            }
        }
    }

    public StreamsRunner start() {
        return start(true);
    }

    /** Returns the topics to create for {@code topology}, with their partition counts; retry topics apart. */
    private Map<String, Integer> topicsOf(CompiledTopology<T> topology) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topology.topics().forEach(topic -> topics.put(topic, config.topicPartitions()));
        topology.streamTopics().forEach((stream, topic) -> topics.put(topic, config.streamPartitions(stream)));
        topics.keySet().removeAll(topology.retryTopics());
        return topics;
    }

    /**
     * Replaces the running schema with {@code next}, the way {@link SchemaDiff} judges the change:
     * <ul>
     *   <li>no difference: nothing happens;</li>
     *   <li>live (only predicates, conditions, attempts, backoffs, durations, rates, bursts,
     *       thresholds or recovery times differ): the running processors switch to the new
     *       parameters at once, every record seeing either the old or the new ones, without a
     *       restart;</li>
     *   <li>restart (the topology changes, every store and internal topic is kept): Kafka Streams
     *       restarts with the new topology;</li>
     *   <li>drops state (stores or internal topics of the running topology would be dropped or
     *       renamed): refused, and the running topology keeps running, unless
     *       {@code allowStateLoss} is true, which restarts as above.</li>
     * </ul>
     * A schema that fails validation or compilation is refused too. Before {@link #start}, a
     * change that is not live replaces the compiled topology that {@code start} will run.
     *
     * @param allowStateLoss the operator's override of the state check
     * @throws io.flume.runtime.app.StreamsRunner.RunnerException when Kafka Streams does not restart with the new
     *     topology; the runner has then stopped the application
     */
    public synchronized ReloadResult reload(Schema next, boolean allowStateLoss) {
        ValidationReport report = flume.validate(next, catalogOf(config, flume));
        if (!report.isValid()) {
            return ReloadResult.invalid(next.source() + " has errors; the running schema keeps running:\n" + report.formatErrors());
        }
        CompiledTopology<T> candidate;
        try {
            candidate = flume.compileValidated(next, compiled.options());
        } catch (CompileException e) {
            return ReloadResult.invalid(next.source() + " does not compile; the running schema keeps running: " + e.getMessage());
        }
        SchemaDiff diff = SchemaDiff.of(compiled, candidate);
        switch (diff.verdict()) {
            case NONE -> {
                candidate.close();
                adopt(next, report);
                return new ReloadResult(ReloadResult.Outcome.UNCHANGED, diff, "no difference from the running schema");
            }
            case LIVE -> {
                compiled.liveParameters().swap(candidate.liveParameters());
                candidate.close();
                adopt(next, report);
                return new ReloadResult(ReloadResult.Outcome.APPLIED_LIVE, diff, "applied to the running processors without a restart");
            }
            case DROPS_STATE -> {
                if (!allowStateLoss) {
                    candidate.close();
                    return new ReloadResult(ReloadResult.Outcome.REFUSED, diff, refusal(diff));
                }
            }
            default -> {
            }
        }
        replace(candidate);
        adopt(next, report);
        return new ReloadResult(ReloadResult.Outcome.RESTARTED, diff, runner == null ? "replaced the compiled topology before start"
                : "restarted Kafka Streams with the new topology");
    }

    /** Makes {@code next} the schema that the accessors, stream timeouts and {@code /schema} report. */
    private void adopt(Schema next, ValidationReport report) {
        schema = next;
        validation = report;
        streamTimeouts = streamTimeouts(next.root(), new LinkedHashMap<>());
        schemaDocument = null;
    }

    private void replace(CompiledTopology<T> candidate) {
        CompiledTopology<T> old = compiled;
        if (runner != null) {
            try {
                runner.restart(candidate.topology(), topicsOf(candidate), candidate.retryTopics());
            } catch (RuntimeException e) {
                // The runner has stopped the application; the old topology stays the compiled one.
                candidate.close();
                throw e;
            }
        }
        compiled = candidate;
        old.close();
    }

    /** Says which stores and topics the new schema would drop, with the records they hold when known. */
    private String refusal(SchemaDiff diff) {
        StringBuilder message = new StringBuilder("refused: the new schema drops state of the running topology:");
        for (var dropped : diff.droppedState()) {
            message.append("\n  ").append(dropped.area()).append(' ').append(dropped.subject());
            if (runner != null && diff.droppedStores().contains(dropped.subject())) {
                runner.countRecords(dropped.subject(), PENDING_COUNT_LIMIT).ifPresent(count -> message.append(" (")
                        .append(count >= PENDING_COUNT_LIMIT ? "at least " : "").append(count).append(" pending records)"));
            }
        }
        message.append("\nThe running topology keeps running. Give stateful nodes an explicit 'name' so that they keep their "
                + "state, wait until their stores are empty, or override the check (flume run --allow-state-loss, "
                + "reload(schema, true)) to drop it.");
        return message.toString();
    }

    /** Returns the runner once {@link #start} was called. */
    public Optional<StreamsRunner> runner() {
        return Optional.ofNullable(runner);
    }

    /**
     * Produces every record of {@code input} into the first source topic and waits for every
     * acknowledgement. A record that Kafka rejects, such as one larger than the producer's
     * {@code max.request.size}, does not stop the others: the result lists it with its line and
     * the producer's exception.
     *
     * @throws InputFileException when the file has an invalid CSV header or row; the file is
     *     checked before the first record is produced, so none is produced then
     */
    public ProduceResult produce(InputFile input) throws IOException {
        StreamsRunner running = runner().orElseThrow(() -> new IllegalStateException("start the application first"));
        input.check();
        Map<String, Object> producerConfig = ClientConfigs.producer(config.kafka(), running.bootstrapServers());
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        String topic = config.source().topics().get(0);
        // The producer's I/O thread runs the callbacks, so the failures go to a synchronized list.
        List<ProduceResult.Failure> failures = Collections.synchronizedList(new ArrayList<>());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
            long count = input.forEach(entry -> send(producer, topic, entry, failures));
            // flush() returns after every send completed and its callback ran.
            producer.flush();
            List<ProduceResult.Failure> sorted = new ArrayList<>(failures);
            sorted.sort(Comparator.comparingInt(ProduceResult.Failure::line));
            return new ProduceResult(input.path(), topic, count - sorted.size(), sorted);
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, InputFile.Entry entry,
            List<ProduceResult.Failure> failures) {
        byte[] key = entry.key() == null ? null : entry.key().getBytes(StandardCharsets.UTF_8);
        try {
            producer.send(new ProducerRecord<>(topic, null, key, entry.value()), (metadata, exception) -> {
                if (exception != null) {
                    failures.add(new ProduceResult.Failure(entry.line(), entry.value().length, exception));
                }
            });
        } catch (KafkaException e) {
            failures.add(new ProduceResult.Failure(entry.line(), entry.value().length, e));
        }
    }

    /**
     * Waits until the pipeline has finished with {@code count} source records, or the timeout
     * passes, or the application stops; returns true when all were processed.
     */
    public boolean awaitProcessed(long count, Duration timeout, Runnable onTick) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (metrics().recordsProcessed() < count) {
            if (System.nanoTime() > deadline || runner().flatMap(StreamsRunner::failure).isPresent()
                    || runner().map(r -> !r.state().isRunningOrRebalancing()).orElse(true)) {
                return false;
            }
            onTick.run();
            Thread.sleep(200);
        }
        return true;
    }

    /** Returns how many records each stream received in this run, by stream name, including streams that received none. */
    public Map<String, Long> streamCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        streamNames(schema.root(), counts);
        counts.putAll(metrics().streamSends());
        return counts;
    }

    private static void streamNames(Node node, Map<String, Long> counts) {
        if (node.type() == NodeType.STREAM) {
            counts.putIfAbsent(node.stream(), 0L);
        }
        node.labelledChildren().values().forEach(child -> streamNames(child, counts));
    }

    /** Collects each stream's shortest {@code stream_timeout}, for the channel bridges. */
    private static Map<String, Duration> streamTimeouts(Node node, Map<String, Duration> timeouts) {
        if (node.type() == NodeType.STREAM && node.streamTimeout() != null) {
            timeouts.merge(node.stream(), node.streamTimeout(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        node.labelledChildren().values().forEach(child -> streamTimeouts(child, timeouts));
        return timeouts;
    }

    @Override
    public synchronized void close() {
        flume.removeChannelListener(channelListener);
        if (runner != null) {
            runner.close();
        }
        compiled.close();
    }
}
