package io.flume.runtime.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the config's {@code connectors:} section as written: the connector's name, the
 * stream it carries, the sink type, where it reads the stream from, and every other key as a
 * setting. The connectors module interprets the type and the settings. This record keeps the
 * positions of the entry and of each setting, so that those errors can name the file and line.
 *
 * @param name the connector's name, unique in the application; it names the consumer group
 * @param stream the stream name from the schema
 * @param type the sink type, such as {@code kafka} or {@code http}
 * @param from whether the connector reads the stream's topic or takes from its channel
 * @param settings the other keys with their values after {@code ${ENV}} substitution: text,
 *     maps of settings ({@code Map<String, Object>}) or lists ({@code List<Object>})
 * @param position where the entry starts, such as {@code app.yaml:12:5}; null when built in code
 * @param settingPositions where each setting's key is written, by key
 */
public record ConnectorConfig(String name, String stream, String type, Source from, Map<String, Object> settings,
        String position, Map<String, String> settingPositions) {

    /** The place a connector reads its stream from. */
    public enum Source {
        /** Its own consumer on the stream's topic, committing after the sink acknowledged. */
        TOPIC,
        /** The stream's channel, acknowledging each delivery after the sink acknowledged. */
        CHANNEL;

        /** Returns the word used in the config, {@code topic} or {@code channel}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ConnectorConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(type, "type");
        from = from == null ? Source.TOPIC : from;
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        settingPositions = settingPositions == null ? Map.of() : Map.copyOf(settingPositions);
    }

    /** Creates a connector built in code, without file positions. */
    public static ConnectorConfig of(String name, String stream, String type, Source from, Map<String, Object> settings) {
        return new ConnectorConfig(name, stream, type, from, settings, null, Map.of());
    }

    /** Returns where {@code key} is written, else where the entry starts; null when built in code. */
    public String positionOf(String key) {
        return settingPositions.getOrDefault(key, position);
    }
}
