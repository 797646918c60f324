package io.flume.config;

import io.flume.runtime.time.GoDuration;
import io.flume.validation.DidYouMean;
import io.flume.api.OverflowPolicy;
import io.flume.config.YamlTree.Entry;
import io.flume.config.YamlTree.ListNode;
import io.flume.config.YamlTree.MapNode;
import io.flume.config.YamlTree.Node;
import io.flume.config.YamlTree.Scalar;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ChannelConfig;
import io.flume.runtime.config.ConfigKeys;
import io.flume.runtime.config.ConfigWord;
import io.flume.runtime.config.ConnectorConfig;
import io.flume.runtime.config.ErrorsConfig;
import io.flume.runtime.config.HttpConfig;
import io.flume.runtime.config.KeySerde;
import io.flume.runtime.errors.UnhandledFailureMode;
import io.flume.runtime.config.SourceConfig;
import io.flume.runtime.config.StreamConfig;
import io.flume.runtime.config.TopicNames;
import io.flume.runtime.config.ValueSerde;
import io.flume.schema.SourcePosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a config document into an {@link AppConfig}, collecting every problem with its position
 * instead of stopping at the first. Each {@code read…} method returns null (or empty) for a value
 * it could not use, after recording why.
 */
final class ConfigBinder {

    private record Problem(SourcePosition position, String text) {
    }

    private final String file;
    private final Path baseDir;
    private final EnvSubstitution substitution;
    private final List<Problem> problems = new ArrayList<>();
    /** The positions of the serde and topic settings, by key path, for checks made after loading. */
    private final Map<String, SourcePosition> positions = new LinkedHashMap<>();

    ConfigBinder(String file, Path baseDir, Map<String, String> environment) {
        this.file = file;
        this.baseDir = baseDir;
        this.substitution = new EnvSubstitution(environment);
    }

    /** Binds {@code root}; returns the config, or throws with every problem found. */
    AppConfig bind(Node root, Path configFile) {
        SourcePosition start = new SourcePosition(file, 1, 1);
        if (root == null) {
            throw new ConfigException(file, List.of(start + ": the file is empty; it needs at least "
                    + ConfigKeys.APPLICATION_ID + " and " + ConfigKeys.SOURCE + "." + ConfigKeys.SOURCE_TOPICS));
        }
        if (!(root instanceof MapNode top)) {
            throw new ConfigException(file, List.of(root.position() + ": the config must be a map of settings, got " + root.kind()));
        }

        checkKeys(top, "", ConfigKeys.TOP_LEVEL_KEYS);
        String applicationId = readApplicationId(top);
        Map<String, String> kafka = readKafka(entry(top, ConfigKeys.KAFKA));
        SourceConfig source = readSource(top);
        Path schema = readSchema(entry(top, ConfigKeys.SCHEMA));
        String components = readString(entry(top, ConfigKeys.COMPONENTS), ConfigKeys.COMPONENTS);
        Map<String, StreamConfig> streams = readStreams(entry(top, ConfigKeys.STREAMS));
        ErrorsConfig errors = readErrors(entry(top, ConfigKeys.ERRORS));
        Boolean createTopics = readBoolean(entry(top, ConfigKeys.CREATE_TOPICS), ConfigKeys.CREATE_TOPICS);
        Integer topicPartitions = readPositiveInt(entry(top, ConfigKeys.TOPIC_PARTITIONS), ConfigKeys.TOPIC_PARTITIONS);
        Duration shutdownGrace = readDuration(entry(top, ConfigKeys.SHUTDOWN_GRACE), ConfigKeys.SHUTDOWN_GRACE);
        Integer inlineThreads = readPositiveInt(entry(top, ConfigKeys.INLINE_THREADS), ConfigKeys.INLINE_THREADS);
        Map<String, ChannelConfig> channels = readChannels(entry(top, ConfigKeys.CHANNELS));
        HttpConfig http = readHttp(entry(top, ConfigKeys.HTTP));
        List<ConnectorConfig> connectors = readConnectors(entry(top, ConfigKeys.CONNECTORS));
        if (source != null) {
            checkStreamSerdes(source, streams);
        }

        if (!problems.isEmpty()) {
            List<String> lines = problems.stream()
                    .sorted(Comparator.comparingInt((Problem problem) -> problem.position().line())
                            .thenComparingInt(problem -> problem.position().column()))
                    .map(problem -> problem.position() + ": " + problem.text())
                    .toList();
            throw new ConfigException(file, lines);
        }

        AppConfig.Builder builder = AppConfig.builder(applicationId)
                .kafka(kafka)
                .source(source)
                .schema(schema)
                .components(components)
                .errors(errors)
                .createTopics(createTopics)
                .http(http)
                .file(configFile);
        streams.forEach(builder::stream);
        channels.forEach(builder::channel);
        connectors.forEach(builder::connector);
        positions.forEach((key, position) -> builder.position(key, position.toString()));
        if (topicPartitions != null) {
            builder.topicPartitions(topicPartitions);
        }
        if (shutdownGrace != null) {
            builder.shutdownGrace(shutdownGrace);
        }
        if (inlineThreads != null) {
            builder.inlineThreads(inlineThreads);
        }
        return builder.build();
    }

    // Sections

    private String readApplicationId(MapNode top) {
        Entry entry = entry(top, ConfigKeys.APPLICATION_ID);
        if (entry == null) {
            problem(top.position(), ConfigKeys.APPLICATION_ID + " is missing; set it to the Kafka Streams application.id, "
                    + "such as 'application-id: quake-alerts'");
            return null;
        }
        String id = readString(entry, ConfigKeys.APPLICATION_ID);
        if (id == null && isEmpty(entry.value())) {
            problem(entry.value().position(), ConfigKeys.APPLICATION_ID + " is empty; set it to the Kafka Streams application.id");
        }
        if (id != null) {
            String illegal = TopicNames.problem(id);
            if (illegal != null) {
                problem(entry.value().position(), ConfigKeys.APPLICATION_ID + ": " + illegal
                        + "; Kafka Streams uses it in topic and group names");
                return null;
            }
        }
        return id;
    }

    private Map<String, String> readKafka(Entry entry) {
        Map<String, String> properties = new LinkedHashMap<>();
        MapNode map = asMap(entry, ConfigKeys.KAFKA);
        if (map == null) {
            return properties;
        }
        for (Entry property : map.entries().values()) {
            String path = ConfigKeys.KAFKA + "." + property.key();
            if (!(property.value() instanceof Scalar)) {
                problem(property.value().position(), path + ": expected a single value, got " + property.value().kind()
                        + "; write the full property name as one key, such as 'ssl.truststore.location: /path'");
                continue;
            }
            String value = readString(property, path);
            if (value != null) {
                properties.put(property.key(), value);
            }
        }
        return properties;
    }

    private SourceConfig readSource(MapNode top) {
        Entry entry = entry(top, ConfigKeys.SOURCE);
        String topicsPath = ConfigKeys.SOURCE + "." + ConfigKeys.SOURCE_TOPICS;
        if (entry == null) {
            problem(top.position(), ConfigKeys.SOURCE + " is missing; name the topics the pipeline reads, "
                    + "such as 'source: { topics: [orders] }'");
            return null;
        }
        MapNode source = asMap(entry, ConfigKeys.SOURCE);
        if (source == null) {
            if (isEmpty(entry.value())) {
                problem(entry.value().position(), ConfigKeys.SOURCE + " is empty; name the topics the pipeline reads, "
                        + "such as 'source: { topics: [orders] }'");
            }
            return null;
        }
        checkKeys(source, ConfigKeys.SOURCE, ConfigKeys.SOURCE_KEYS);

        Entry topicsEntry = entry(source, ConfigKeys.SOURCE_TOPICS);
        List<String> topics = topicsEntry == null ? null : readTopicList(topicsEntry, topicsPath);
        if (topicsEntry == null) {
            problem(source.position(), topicsPath + " is missing; list the topics the pipeline reads, such as 'topics: [orders]'");
        }
        KeySerde keySerde = readEnum(entry(source, ConfigKeys.SOURCE_KEY_SERDE),
                ConfigKeys.SOURCE + "." + ConfigKeys.SOURCE_KEY_SERDE, KeySerde.class);
        ValueSerde valueSerde = readEnum(entry(source, ConfigKeys.SOURCE_VALUE_SERDE),
                ConfigKeys.SOURCE + "." + ConfigKeys.SOURCE_VALUE_SERDE, ValueSerde.class);
        recordPosition(ConfigKeys.SOURCE + "." + ConfigKeys.SOURCE_KEY_SERDE, entry(source, ConfigKeys.SOURCE_KEY_SERDE));
        recordPosition(ConfigKeys.SOURCE + "." + ConfigKeys.SOURCE_VALUE_SERDE, entry(source, ConfigKeys.SOURCE_VALUE_SERDE));
        if (topics == null || topics.isEmpty()) {
            return null;
        }
        return new SourceConfig(topics, keySerde, valueSerde);
    }

    private List<String> readTopicList(Entry entry, String path) {
        List<Node> items;
        if (entry.value() instanceof ListNode list) {
            items = list.items();
        } else if (entry.value() instanceof Scalar) {
            items = List.of(entry.value());
        } else {
            problem(entry.value().position(), path + ": expected a list of topic names, got " + entry.value().kind());
            return null;
        }
        if (items.isEmpty()) {
            problem(entry.value().position(), path + ": the list is empty; name at least one topic");
            return null;
        }
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String topic = readTopic(items.get(i), path + "[" + i + "]");
            if (topic == null) {
                return null;
            }
            topics.add(topic);
        }
        return topics;
    }

    private Path readSchema(Entry entry) {
        String text = readString(entry, ConfigKeys.SCHEMA);
        if (text == null) {
            return null;
        }
        Path schema = baseDir.resolve(text).normalize();
        if (!Files.isRegularFile(schema)) {
            problem(entry.value().position(), ConfigKeys.SCHEMA + ": file not found: " + schema
                    + "; the path is relative to the config file's folder");
        }
        return schema;
    }

    private Map<String, StreamConfig> readStreams(Entry entry) {
        Map<String, StreamConfig> streams = new LinkedHashMap<>();
        MapNode map = asMap(entry, ConfigKeys.STREAMS);
        if (map == null) {
            return streams;
        }
        for (Entry stream : map.entries().values()) {
            String path = ConfigKeys.STREAMS + "." + stream.key();
            positions.put(path, stream.keyPosition());
            StreamConfig config = readStream(stream, path);
            if (config != null) {
                streams.put(stream.key(), config);
            }
        }
        return streams;
    }

    /** Reads one stream mapping: a map of settings, or just the topic name as a shorthand. */
    private StreamConfig readStream(Entry stream, String path) {
        if (stream.value() instanceof Scalar scalar) {
            String topic = readTopic(scalar, path);
            return topic == null ? null : StreamConfig.toTopic(topic);
        }
        MapNode settings = asMap(stream, path);
        if (settings == null) {
            return null;
        }
        checkKeys(settings, path, ConfigKeys.STREAM_KEYS);
        Entry topicEntry = entry(settings, ConfigKeys.STREAM_TOPIC);
        String topic = topicEntry == null ? stream.key() : readTopic(topicEntry.value(), path + "." + ConfigKeys.STREAM_TOPIC);
        if (topicEntry == null && TopicNames.problem(topic) != null) {
            problem(settings.position(), path + ": the stream name is not a legal topic name, so set '"
                    + ConfigKeys.STREAM_TOPIC + "'");
            return null;
        }
        Integer partitions = readPositiveInt(entry(settings, ConfigKeys.STREAM_PARTITIONS), path + "." + ConfigKeys.STREAM_PARTITIONS);
        KeySerde keySerde = readEnum(entry(settings, ConfigKeys.STREAM_KEY_SERDE), path + "." + ConfigKeys.STREAM_KEY_SERDE, KeySerde.class);
        ValueSerde valueSerde = readEnum(entry(settings, ConfigKeys.STREAM_VALUE_SERDE), path + "." + ConfigKeys.STREAM_VALUE_SERDE,
                ValueSerde.class);
        recordPosition(path + "." + ConfigKeys.STREAM_TOPIC, topicEntry);
        recordPosition(path + "." + ConfigKeys.STREAM_KEY_SERDE, entry(settings, ConfigKeys.STREAM_KEY_SERDE));
        recordPosition(path + "." + ConfigKeys.STREAM_VALUE_SERDE, entry(settings, ConfigKeys.STREAM_VALUE_SERDE));
        return topic == null ? null : new StreamConfig(topic, partitions, keySerde, valueSerde);
    }

    /**
     * Checks the streams' serdes against the source's, which needs no component library. A
     * stream's key-serde must have a conversion from the source's ({@link KeySerde#convertsTo}).
     * A stream that writes to a source topic must keep the source's serdes, because the source
     * reads its records back with them. Streams that share a topic must agree on their serdes, so
     * that everything reading the topic can decode every record.
     */
    private void checkStreamSerdes(SourceConfig source, Map<String, StreamConfig> streams) {
        Map<String, String> writerOfTopic = new LinkedHashMap<>();
        for (Map.Entry<String, StreamConfig> stream : streams.entrySet()) {
            String path = ConfigKeys.STREAMS + "." + stream.getKey();
            StreamConfig settings = stream.getValue();
            KeySerde keySerde = settings.keySerde() != null ? settings.keySerde() : source.keySerde();
            ValueSerde valueSerde = settings.valueSerde() != null ? settings.valueSerde() : source.valueSerde();
            String keyPath = path + "." + ConfigKeys.STREAM_KEY_SERDE;
            if (!source.keySerde().convertsTo(keySerde)) {
                problem(positionOf(keyPath), keyPath + ": invalid value '" + ConfigWord.of(keySerde) + "': the source's "
                        + ConfigWord.of(source.keySerde()) + " keys have no conversion to " + ConfigWord.of(keySerde)
                        + "; use string or " + ConfigWord.of(source.keySerde()) + ", or remove the setting to keep the source's keys");
            }
            if (source.topics().contains(settings.topic()) && (keySerde != source.keySerde() || valueSerde != source.valueSerde())) {
                String serdePath = keySerde != source.keySerde() ? keyPath : path + "." + ConfigKeys.STREAM_VALUE_SERDE;
                problem(positionOf(serdePath), serdePath + ": stream '" + stream.getKey() + "' writes to source topic '"
                        + settings.topic() + "', which the source reads with key-serde " + ConfigWord.of(source.keySerde())
                        + " and value-serde " + ConfigWord.of(source.valueSerde()) + "; use those, or write the stream to another topic");
            }
            String other = writerOfTopic.putIfAbsent(settings.topic(), stream.getKey());
            if (other != null) {
                StreamConfig first = streams.get(other);
                KeySerde firstKey = first.keySerde() != null ? first.keySerde() : source.keySerde();
                ValueSerde firstValue = first.valueSerde() != null ? first.valueSerde() : source.valueSerde();
                if (firstKey != keySerde || firstValue != valueSerde) {
                    problem(positionOf(path + "." + ConfigKeys.STREAM_TOPIC), path + ": streams '" + other + "' and '"
                            + stream.getKey() + "' both write to topic '" + settings.topic() + "' but with different serdes ("
                            + ConfigWord.of(firstKey) + "/" + ConfigWord.of(firstValue) + " and " + ConfigWord.of(keySerde) + "/"
                            + ConfigWord.of(valueSerde) + "); give them the same key-serde and value-serde, or separate topics");
                }
            }
        }
    }

    /** Returns where {@code key} is written, else the position of the nearest enclosing setting known, else the file's start. */
    private SourcePosition positionOf(String key) {
        SourcePosition written = positions.get(key);
        if (written == null) {
            int dot = key.lastIndexOf('.');
            written = dot > 0 ? positions.get(key.substring(0, dot)) : null;
        }
        return written == null ? new SourcePosition(file, 1, 1) : written;
    }

    private void recordPosition(String key, Entry entry) {
        if (entry != null) {
            positions.put(key, entry.value().position());
        }
    }

    private ErrorsConfig readErrors(Entry entry) {
        MapNode errors = asMap(entry, ConfigKeys.ERRORS);
        if (errors == null) {
            return ErrorsConfig.DEFAULTS;
        }
        checkKeys(errors, ConfigKeys.ERRORS, ConfigKeys.ERRORS_KEYS);
        Entry topicEntry = entry(errors, ConfigKeys.ERRORS_DEAD_LETTER_TOPIC);
        String deadLetterTopic = topicEntry == null ? null
                : readTopic(topicEntry.value(), ConfigKeys.ERRORS + "." + ConfigKeys.ERRORS_DEAD_LETTER_TOPIC);
        UnhandledFailureMode onUnhandled = readEnum(entry(errors, ConfigKeys.ERRORS_ON_UNHANDLED),
                ConfigKeys.ERRORS + "." + ConfigKeys.ERRORS_ON_UNHANDLED, UnhandledFailureMode.class);
        return new ErrorsConfig(deadLetterTopic, onUnhandled);
    }

    private Map<String, ChannelConfig> readChannels(Entry entry) {
        Map<String, ChannelConfig> channels = new LinkedHashMap<>();
        MapNode map = asMap(entry, ConfigKeys.CHANNELS);
        if (map == null) {
            return channels;
        }
        for (Entry channel : map.entries().values()) {
            String path = ConfigKeys.CHANNELS + "." + channel.key();
            if (isEmpty(channel.value())) {
                channels.put(channel.key(), ChannelConfig.DEFAULTS);
                continue;
            }
            MapNode settings = asMap(channel, path);
            if (settings == null) {
                continue;
            }
            checkKeys(settings, path, ConfigKeys.CHANNEL_KEYS);
            Integer capacity = readPositiveInt(entry(settings, ConfigKeys.CHANNEL_CAPACITY), path + "." + ConfigKeys.CHANNEL_CAPACITY);
            Boolean direct = readBoolean(entry(settings, ConfigKeys.CHANNEL_DIRECT), path + "." + ConfigKeys.CHANNEL_DIRECT);
            OverflowPolicy overflow = readEnum(entry(settings, ConfigKeys.CHANNEL_OVERFLOW), path + "." + ConfigKeys.CHANNEL_OVERFLOW,
                    OverflowPolicy.class);
            channels.put(channel.key(), new ChannelConfig(
                    capacity != null ? capacity : ConfigKeys.DEFAULT_CHANNEL_CAPACITY,
                    direct != null ? direct : ConfigKeys.DEFAULT_CHANNEL_DIRECT,
                    overflow));
        }
        return channels;
    }

    private HttpConfig readHttp(Entry entry) {
        MapNode settings = asMap(entry, ConfigKeys.HTTP);
        if (settings == null) {
            return null;
        }
        checkKeys(settings, ConfigKeys.HTTP, ConfigKeys.HTTP_KEYS);
        String portPath = ConfigKeys.HTTP + "." + ConfigKeys.HTTP_PORT;
        Entry portEntry = entry(settings, ConfigKeys.HTTP_PORT);
        if (portEntry == null) {
            problem(settings.position(), portPath + " is missing; set the TCP port of the endpoint, such as 'port: 8080',"
                    + " or remove the http section to turn the endpoint off");
            return null;
        }
        Integer port = readPort(portEntry, portPath);
        String host = readString(entry(settings, ConfigKeys.HTTP_HOST), ConfigKeys.HTTP + "." + ConfigKeys.HTTP_HOST);
        if (port == null) {
            return null;
        }
        return new HttpConfig(host == null || host.isBlank() ? ConfigKeys.DEFAULT_HTTP_HOST : host, port);
    }

    private Integer readPort(Entry entry, String path) {
        String text = readString(entry, path);
        if (text == null) {
            return null;
        }
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        problem(entry.value().position(), path + ": expected a TCP port from 1 to 65535 (0 picks a free one), got '" + text + "'");
        return null;
    }

    /**
     * Reads the {@code connectors:} list. Only the keys every connector has are checked here. The
     * connectors module checks the type and the other settings when the application starts, and
     * names the positions recorded here.
     *
     * <p>NOTE: {@code flume validate} therefore does not catch a misspelt connector setting or type;
     * only the start of {@code flume run} does, because this module cannot see the connectors jar.
     */
    private List<ConnectorConfig> readConnectors(Entry entry) {
        List<ConnectorConfig> connectors = new ArrayList<>();
        if (entry == null || isEmpty(entry.value())) {
            return connectors;
        }
        if (!(entry.value() instanceof ListNode list)) {
            problem(entry.value().position(), ConfigKeys.CONNECTORS + ": expected a list of connectors, got "
                    + entry.value().kind() + "; start each connector with '- name: ...'");
            return connectors;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.items().size(); i++) {
            ConnectorConfig connector = readConnector(list.items().get(i), ConfigKeys.CONNECTORS + "[" + i + "]");
            if (connector == null) {
                continue;
            }
            if (!names.add(connector.name())) {
                problem(list.items().get(i).position(), ConfigKeys.CONNECTORS + "[" + i + "]: connector name '"
                        + connector.name() + "' is used twice; give each connector a unique name");
                continue;
            }
            connectors.add(connector);
        }
        return connectors;
    }

    private ConnectorConfig readConnector(Node node, String path) {
        if (!(node instanceof MapNode settings)) {
            problem(node.position(), path + ": expected a map of settings, got " + node.kind()
                    + "; write at least name, stream and type");
            return null;
        }
        String name = readRequired(settings, ConfigKeys.CONNECTOR_NAME, path, "such as 'name: alerts-to-archive'");
        if (name != null) {
            String illegal = TopicNames.problem(name);
            if (illegal != null) {
                problem(entry(settings, ConfigKeys.CONNECTOR_NAME).value().position(), path + "." + ConfigKeys.CONNECTOR_NAME
                        + ": " + illegal + "; the name is part of the connector's consumer group id");
                name = null;
            }
        }
        String where = name == null ? path : path + " (" + name + ")";
        String stream = readRequired(settings, ConfigKeys.CONNECTOR_STREAM, where, "the stream the connector carries");
        String type = readRequired(settings, ConfigKeys.CONNECTOR_TYPE, where, "the sink type, such as 'type: json-lines'");
        ConnectorConfig.Source from = readEnum(entry(settings, ConfigKeys.CONNECTOR_FROM), where + "." + ConfigKeys.CONNECTOR_FROM,
                ConnectorConfig.Source.class);

        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> positions = new LinkedHashMap<>();
        for (Entry setting : settings.entries().values()) {
            if (List.of(ConfigKeys.CONNECTOR_NAME, ConfigKeys.CONNECTOR_STREAM, ConfigKeys.CONNECTOR_TYPE,
                    ConfigKeys.CONNECTOR_FROM).contains(setting.key())) {
                continue;
            }
            values.put(setting.key(), readSettingValue(setting.value(), where + "." + setting.key()));
            positions.put(setting.key(), setting.keyPosition().toString());
        }
        if (name == null || stream == null || type == null) {
            return null;
        }
        return new ConnectorConfig(name, stream, type, from, values, settings.position().toString(), positions);
    }

    private String readRequired(MapNode map, String key, String path, String example) {
        Entry entry = entry(map, key);
        String value = readString(entry, path + "." + key);
        if (value == null || value.isBlank()) {
            SourcePosition position = entry == null ? map.position() : entry.value().position();
            problem(position, path + ": " + key + " is " + (entry == null ? "missing" : "empty") + "; set " + example);
            return null;
        }
        return value;
    }

    /** Returns a connector setting as text, a map or a list, with environment variables substituted in every text. */
    private Object readSettingValue(Node node, String path) {
        if (node instanceof MapNode map) {
            Map<String, Object> values = new LinkedHashMap<>();
            map.entries().values().forEach(entry -> values.put(entry.key(), readSettingValue(entry.value(), path + "." + entry.key())));
            return values;
        }
        if (node instanceof ListNode list) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                items.add(readSettingValue(list.items().get(i), path + "[" + i + "]"));
            }
            return items;
        }
        return readString(node, path);
    }

    // Values

    /** Returns true for a missing value ({@code key:} with nothing after it), which YAML reads as null or "". */
    private static boolean isEmpty(Node node) {
        return node instanceof Scalar scalar && (scalar.text() == null || scalar.text().isEmpty());
    }

    private static Entry entry(MapNode map, String key) {
        return map.entries().get(key);
    }

    private void checkKeys(MapNode map, String section, List<String> known) {
        for (Entry entry : map.entries().values()) {
            if (known.contains(entry.key())) {
                continue;
            }
            String where = section.isEmpty() ? "" : section + ": ";
            String hint = DidYouMean.closest(entry.key(), known)
                    .map(suggestion -> "; did you mean '" + suggestion + "'?")
                    .orElse("; known keys: " + String.join(", ", known));
            problem(entry.keyPosition(), where + "unknown key '" + entry.key() + "'" + hint);
        }
    }

    private MapNode asMap(Entry entry, String path) {
        if (entry == null) {
            return null;
        }
        if (entry.value() instanceof MapNode map) {
            return map;
        }
        if (isEmpty(entry.value())) {
            return null;
        }
        problem(entry.value().position(), path + ": expected a map of settings, got " + entry.value().kind());
        return null;
    }

    /** Returns the scalar's text with environment variables substituted, or null when absent or invalid. */
    private String readString(Entry entry, String path) {
        return entry == null ? null : readString(entry.value(), path);
    }

    private String readString(Node node, String path) {
        if (!(node instanceof Scalar scalar)) {
            problem(node.position(), path + ": expected a single value, got " + node.kind());
            return null;
        }
        if (scalar.text() == null) {
            return null;
        }
        try {
            return substitution.substitute(scalar.text());
        } catch (IllegalArgumentException e) {
            problem(node.position(), path + ": " + e.getMessage());
            return null;
        }
    }

    private String readTopic(Node node, String path) {
        String topic = readString(node, path);
        if (topic == null) {
            if (isEmpty(node)) {
                problem(node.position(), path + ": the topic name is empty");
            }
            return null;
        }
        String illegal = TopicNames.problem(topic);
        if (illegal != null) {
            problem(node.position(), path + ": " + illegal);
            return null;
        }
        return topic;
    }

    private Boolean readBoolean(Entry entry, String path) {
        String text = readString(entry, path);
        if (text == null) {
            return null;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        problem(entry.value().position(), path + ": expected true or false, got '" + text + "'");
        return null;
    }

    private Integer readPositiveInt(Entry entry, String path) {
        String text = readString(entry, path);
        if (text == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        problem(entry.value().position(), path + ": expected a whole number of at least 1, got '" + text + "'");
        return null;
    }

    private Duration readDuration(Entry entry, String path) {
        String text = readString(entry, path);
        if (text == null) {
            return null;
        }
        try {
            Duration duration = GoDuration.parse(text);
            if (!duration.isNegative()) {
                return duration;
            }
            problem(entry.value().position(), path + ": the duration must not be negative, got '" + text + "'");
        } catch (IllegalArgumentException e) {
            problem(entry.value().position(), path + ": " + e.getMessage());
        }
        return null;
    }

    private <E extends Enum<E>> E readEnum(Entry entry, String path, Class<E> type) {
        String text = readString(entry, path);
        if (text == null) {
            return null;
        }
        Optional<E> constant = ConfigWord.parse(type, text);
        if (constant.isPresent()) {
            return constant.get();
        }
        List<String> words = ConfigWord.all(type);
        String hint = DidYouMean.closest(text, words).map(word -> "did you mean '" + word + "'? ").orElse("");
        problem(entry.value().position(), path + ": invalid value '" + text + "'; " + hint + "expected one of: " + String.join(", ", words));
        return null;
    }

    private void problem(SourcePosition position, String text) {
        problems.add(new Problem(position, text));
    }
}
