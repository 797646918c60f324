package io.flume.connectors;

import io.flume.api.Channel;
import io.flume.connectors.ConnectorSettings.InvalidSettingException;
import io.flume.runtime.app.ClientConfigs;
import io.flume.runtime.app.RunnerContext;
import io.flume.runtime.app.RunnerExtension;
import io.flume.runtime.broker.Topics;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConnectorConfig;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.flume.runtime.config.KeySerde;
import io.flume.runtime.config.StreamConfig;
import io.flume.runtime.serde.KeyConversion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running connectors of one application, started from the config's {@code connectors:}
 * section. {@link #start} opens every sink before it starts any connector, so that an
 * unreachable target stops the application's start with the connector's name and the fix.
 */
public final class Connectors implements RunnerExtension.Running {

    private static final Logger LOG = LoggerFactory.getLogger(Connectors.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Connector> connectors;
    private final DeadLetterWriter deadLetters;

    private Connectors(Map<String, Connector> connectors, DeadLetterWriter deadLetters) {
        this.connectors = Collections.unmodifiableMap(connectors);
        this.deadLetters = deadLetters;
    }

    /** Returns the sink factories on the class path by type, sorted by type. */
    public static Map<String, SinkFactory> factories() {
        Map<String, SinkFactory> factories = new TreeMap<>();
        ServiceLoader.load(SinkFactory.class).forEach(factory -> factories.putIfAbsent(factory.type(), factory));
        return factories;
    }

    /**
     * Checks every connector of {@code config} without opening anything: known type, valid and
     * known settings. Returns every problem found, each with the file and line of the setting.
     */
    public static List<String> problems(AppConfig config) {
        Map<String, SinkFactory> factories = factories();
        List<String> problems = new ArrayList<>();
        for (ConnectorConfig connector : config.connectors()) {
            problems.addAll(problems(connector, factories));
        }
        return problems;
    }

    /**
     * Returns the problems of one connector. The settings record every missing or malformed
     * value and go on with defaults, so a connector with three wrong settings gets three lines.
     * An error the sink's factory raises after that is left out when a setting was already
     * reported, since a default or a missing value in place of a wrong one can cause it.
     */
    private static List<String> problems(ConnectorConfig connector, Map<String, SinkFactory> factories) {
        SinkFactory factory = factories.get(connector.type());
        if (factory == null) {
            return List.of(unknownType(connector, factories));
        }
        ConnectorSettings settings = ConnectorSettings.collecting(connector.name(), connector.settings());
        String raised = null;
        try {
            RunnerSettings.read(settings);
            factory.create(settings).close();
        } catch (InvalidSettingException e) {
            raised = at(connector, e.key()) + e.getMessage();
        } catch (RuntimeException e) {
            raised = at(connector, null) + "connector '" + connector.name() + "': " + e.getMessage();
        }
        List<String> problems = new ArrayList<>();
        settings.problems().forEach(problem -> problems.add(at(connector, problem.key()) + problem.getMessage()));
        if (raised != null && problems.isEmpty()) {
            problems.add(raised);
        }
        if (raised == null) {
            Set<String> unknown = settings.unreadKeys();
            if (!unknown.isEmpty()) {
                problems.add(unknownSettings(connector, settings, unknown));
            }
        }
        return problems;
    }

    /** Throws an {@link IllegalArgumentException} that lists every problem {@link #problems} finds. */
    public static void check(AppConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid connectors in " + config.file().map(Object::toString).orElse("the config")
                    + ":\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * Starts the connectors of {@code context}'s config; returns null when it has none. Opens
     * every sink first, and closes those opened when one fails.
     *
     * @throws IllegalArgumentException for an invalid connector config
     * @throws ConnectorStartException when a target cannot be reached, a stream's topic does not
     *     exist, or a connector reads from a channel that the stream does not have
     */
    public static Connectors start(RunnerContext context) {
        AppConfig config = context.config();
        if (config.connectors().isEmpty()) {
            return null;
        }
        check(config);
        Map<String, SinkFactory> factories = factories();
        DeadLetterWriter deadLetters = new DeadLetterWriter(config.deadLetterTopic(),
                ClientConfigs.producer(config.kafka(), context.bootstrapServers()));
        Map<String, Connector> built = new LinkedHashMap<>();
        try {
            checkTopics(context);
            for (ConnectorConfig connector : config.connectors()) {
                built.put(connector.name(), open(connector, prepare(connector, factories), context, deadLetters));
            }
        } catch (RuntimeException e) {
            built.values().forEach(connector -> connector.stop(Duration.ZERO));
            deadLetters.close();
            throw e;
        }
        built.values().forEach(Connector::start);
        return new Connectors(built, deadLetters);
    }

    /** A connector's sink, created but not opened, and the runner's settings. */
    private record Prepared(Sink sink, RunnerSettings settings) {
    }

    private static Prepared prepare(ConnectorConfig connector, Map<String, SinkFactory> factories) {
        SinkFactory factory = factories.get(connector.type());
        if (factory == null) {
            throw new InvalidConnectorException(unknownType(connector, factories));
        }
        ConnectorSettings settings = new ConnectorSettings(connector.name(), connector.settings());
        Sink sink;
        RunnerSettings runnerSettings;
        try {
            runnerSettings = RunnerSettings.read(settings);
            sink = factory.create(settings);
        } catch (InvalidSettingException e) {
            throw new InvalidConnectorException(at(connector, e.key()) + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidConnectorException(at(connector, null) + "connector '" + connector.name() + "': " + e.getMessage());
        }
        Set<String> unknown = settings.unreadKeys();
        if (!unknown.isEmpty()) {
            sink.close();
            throw new InvalidConnectorException(unknownSettings(connector, settings, unknown));
        }
        return new Prepared(sink, runnerSettings);
    }

    private static String unknownType(ConnectorConfig connector, Map<String, SinkFactory> factories) {
        return at(connector, null) + "connector '" + connector.name() + "': unknown type '" + connector.type() + "'; known types: "
                + String.join(", ", factories.keySet()) + ". A type from another jar needs that jar on the class path";
    }

    private static String unknownSettings(ConnectorConfig connector, ConnectorSettings settings, Set<String> unknown) {
        String key = unknown.iterator().next();
        return at(connector, key) + "connector '" + connector.name() + "': unknown setting"
                + (unknown.size() > 1 ? "s " + unknown : " '" + key + "'") + " for type " + connector.type()
                + "; known settings: " + String.join(", ", settings.readKeys());
    }

    private static String at(ConnectorConfig connector, String key) {
        String position = key == null ? connector.position() : connector.positionOf(key);
        return position == null ? "" : position + ": ";
    }

    /** Fails when a connector reading a topic names a stream whose topic does not exist. */
    private static void checkTopics(RunnerContext context) {
        AppConfig config = context.config();
        Set<String> topics = new TreeSet<>();
        config.connectors().stream().filter(c -> c.from() == ConnectorConfig.Source.TOPIC)
                .forEach(c -> topics.add(config.streamTopic(c.stream())));
        if (topics.isEmpty()) {
            return;
        }
        Map<String, Integer> existing;
        try (Admin admin = Admin.create(ClientConfigs.admin(config.kafka(), context.bootstrapServers()))) {
            existing = Topics.partitionCounts(admin, topics, ADMIN_TIMEOUT);
        } catch (KafkaException e) {
            throw new ConnectorStartException("failed to look up the topics " + topics + " of the connectors on "
                    + context.bootstrapServers() + ": " + e.getMessage(), e);
        }
        for (ConnectorConfig connector : config.connectors()) {
            String topic = config.streamTopic(connector.stream());
            if (connector.from() == ConnectorConfig.Source.TOPIC && !existing.containsKey(topic)) {
                throw new ConnectorStartException(at(connector, null) + "connector '" + connector.name() + "': stream '"
                        + connector.stream() + "' goes to topic '" + topic + "', which does not exist on "
                        + context.bootstrapServers() + "; check the stream name against the schema's stream nodes, or map"
                        + " the stream to its topic under 'streams:'", null);
            }
        }
    }

    private static Connector open(ConnectorConfig connector, Prepared prepared, RunnerContext context,
            DeadLetterWriter deadLetters) {
        RecordSource source = source(connector, prepared.settings(), context);
        try {
            prepared.sink().open();
        } catch (SinkException | RuntimeException e) {
            prepared.sink().close();
            source.close();
            // A sink's own message names the connector already, as the Sink contract requires.
            String prefix = "connector '" + connector.name() + "'";
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            if (reason.startsWith(prefix)) {
                reason = reason.substring(prefix.length()).replaceFirst("^\\s*(\\([^)]*\\))?\\s*:?\\s*", "");
            }
            throw new ConnectorStartException(at(connector, null) + prefix + " (type "
                    + connector.type() + ") failed to open its target: " + reason, e);
        }
        return new Connector(connector.name(), connector.type(), prepared.sink(), source, prepared.settings(), deadLetters);
    }

    private static RecordSource source(ConnectorConfig connector, RunnerSettings settings, RunnerContext context) {
        AppConfig config = context.config();
        if (connector.from() == ConnectorConfig.Source.TOPIC) {
            return new TopicSource(connector.name(), connector.stream(), config.streamTopic(connector.stream()),
                    ClientConfigs.consumer(config.kafka(), context.bootstrapServers()),
                    config.connectorGroupId(connector.name()), settings.batchSize());
        }
        Channel<?> channel = context.channel(connector.stream()).orElseThrow(() -> new ConnectorStartException(
                at(connector, null) + "connector '" + connector.name() + "' reads from: channel, but stream '"
                        + connector.stream() + "' has no channel; declare one under 'channels:' or use 'from: topic'", null));
        if (context.valueSerializer(connector.stream()) == null) {
            throw new ConnectorStartException(at(connector, null) + "connector '" + connector.name()
                    + "' reads from: channel, but the runner has no value serializer for channels; start the application"
                    + " with FlumeApplication, or pass StreamsRunner.Builder.extensionChannels", null);
        }
        return channelSource(connector.stream(), channel, keySerializer(config, connector.stream()),
                context.valueSerializer(connector.stream()));
    }

    @SuppressWarnings("unchecked")
    private static <T> ChannelSource<T> channelSource(String stream, Channel<T> channel, Serializer<Object> keySerializer,
            Serializer<?> valueSerializer) {
        return new ChannelSource<>(stream, channel, keySerializer, (Serializer<T>) valueSerializer);
    }

    /**
     * Returns the serializer of the stream's keys. A bridged channel's keys already have the
     * stream's key type. A direct channel's keys keep the source's type, so the serializer
     * converts them as the stream's sink does.
     */
    private static Serializer<Object> keySerializer(AppConfig config, String stream) {
        StreamConfig streamConfig = config.streams().get(stream);
        KeySerde keySerde = streamConfig != null && streamConfig.keySerde() != null
                ? streamConfig.keySerde() : config.source().keySerde();
        return KeyConversion.serializer(keySerde);
    }

    /** Returns the running connectors by name. */
    public Map<String, Connector> connectors() {
        return connectors;
    }

    /** Returns each connector's written, failed, retried and dead-lettered records and its lag, by {@code connector NAME}. */
    @Override
    public Map<String, Map<String, Long>> counters() {
        Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
        metrics().forEach((name, snapshot) -> {
            Map<String, Long> values = new LinkedHashMap<>();
            values.put("written", snapshot.written());
            values.put("failed", snapshot.failed());
            values.put("retried", snapshot.retried());
            values.put(DEAD_LETTERED, snapshot.deadLettered());
            values.put("lag", snapshot.lag());
            counters.put("connector " + name, values);
        });
        return counters;
    }

    /** Returns a snapshot of every connector's metrics, by connector name. */
    public Map<String, ConnectorMetrics.Snapshot> metrics() {
        Map<String, ConnectorMetrics.Snapshot> snapshots = new LinkedHashMap<>();
        connectors.forEach((name, connector) -> snapshots.put(name, connector.metrics()));
        return snapshots;
    }

    @Override
    public List<Meter> bindMeters(MeterRegistry registry, String application) {
        return ConnectorMeters.bind(registry, application, connectors);
    }

    /** Stops every connector within {@code grace}, in parallel, then the dead-letter producer. */
    @Override
    public void stop(Duration grace) {
        List<Thread> stoppers = new ArrayList<>();
        for (Connector connector : connectors.values()) {
            Thread stopper = new Thread(() -> connector.stop(grace), "flume-connector-stop-" + connector.name());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        deadLetters.close();
        LOG.info("Stopped connectors {}", connectors.keySet());
    }

    /** A connector config that names an unknown type or an invalid or unknown setting; the message starts with its position. */
    private static final class InvalidConnectorException extends IllegalArgumentException {
        InvalidConnectorException(String message) {
            super(message);
        }
    }
}
