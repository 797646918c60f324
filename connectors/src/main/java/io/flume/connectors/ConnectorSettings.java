package io.flume.connectors;

import io.flume.runtime.time.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of one connector from the {@code connectors:} section of an application's config,
 * after {@code ${ENV}} substitution. Getters report a missing or malformed setting with the
 * connector's name, the key, the value found and what was expected: they throw it, or record it
 * when the settings are {@link #collecting}. They remember which keys were read so that
 * {@link #unreadKeys()} can point out misspelt ones.
 */
public final class ConnectorSettings {

    private final String connector;
    private final Map<String, Object> values;
    private final Set<String> read = new LinkedHashSet<>();
    private final boolean collecting;
    private final List<InvalidSettingException> problems = new ArrayList<>();

    /**
     * Creates settings whose getters throw at the first missing or malformed setting.
     *
     * @param connector the connector's name, used in every message
     * @param values the connector's keys and values as the config file gave them
     */
    public ConnectorSettings(String connector, Map<String, ?> values) {
        this(connector, values, false);
    }

    private ConnectorSettings(String connector, Map<String, ?> values, boolean collecting) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.values = new LinkedHashMap<>(values);
        this.collecting = collecting;
    }

    /**
     * Creates settings whose getters record a missing or malformed setting in {@link #problems()}
     * and return the default, so that a check reports every such setting of a connector at once.
     * A required setting that is missing reads as null.
     */
    public static ConnectorSettings collecting(String connector, Map<String, ?> values) {
        return new ConnectorSettings(connector, values, true);
    }

    /** Returns the problems recorded by getters of {@link #collecting} settings, in the order they were read. */
    public List<InvalidSettingException> problems() {
        return List.copyOf(problems);
    }

    public String connector() {
        return connector;
    }

    public boolean has(String key) {
        read.add(key);
        return values.get(key) != null;
    }

    public String requireString(String key) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            return reject(invalid(key, "is required", null), null);
        }
        return value;
    }

    public String string(String key, String defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Map || value instanceof List) {
            return reject(invalid(key, "must be a single value", value), defaultValue);
        }
        return value.toString();
    }

    public int intValue(String key, int defaultValue, int min, int max) {
        long value = longValue(key, defaultValue, min, max);
        return (int) value;
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = value instanceof Number number && !(value instanceof Double || value instanceof Float)
                    ? number.longValue()
                    : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return reject(invalid(key, "must be a whole number", value), defaultValue);
        }
        if (parsed < min || parsed > max) {
            return reject(invalid(key, "must be between " + min + " and " + max, value), defaultValue);
        }
        return parsed;
    }

    public boolean bool(String key, boolean defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        return reject(invalid(key, "must be true or false", value), defaultValue);
    }

    /** Reads a duration written as in the schema language, such as {@code 500ms}, {@code 2s} or {@code 1m30s}. */
    public Duration duration(String key, Duration defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            Duration parsed = GoDuration.parse(value.toString().trim());
            if (parsed.isNegative()) {
                return reject(invalid(key, "must not be negative", value), defaultValue);
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidSettingException) {
                throw e;
            }
            return reject(invalid(key, "must be a duration such as 500ms, 2s or 1m", value), defaultValue);
        }
    }

    /** Reads a size in bytes, written as a number or with a unit: {@code 512KB}, {@code 64MB}, {@code 1GB}. */
    public long byteSize(String key, long defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        String text = value.toString().trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        for (String[] suffix : new String[][] {{"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}, {"B", "1"}}) {
            if (text.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                text = text.substring(0, text.length() - suffix[0].length()).trim();
                break;
            }
        }
        try {
            long parsed = Long.parseLong(text) * unit;
            if (parsed < 1) {
                return reject(invalid(key, "must be at least 1 byte", value), defaultValue);
            }
            return parsed;
        } catch (NumberFormatException e) {
            return reject(invalid(key, "must be a size such as 1048576, 512KB or 64MB", value), defaultValue);
        }
    }

    /** Reads a nested map of settings, such as a Kafka producer's properties; empty when absent. */
    public Map<String, Object> map(String key) {
        Object value = get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            return reject(invalid(key, "must be a map of keys and values", value), Map.of());
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    /** Returns the keys that no getter has read, sorted; the caller reports them as unknown settings. */
    public Set<String> unreadKeys() {
        Set<String> unread = new TreeSet<>(values.keySet());
        unread.removeAll(read);
        return unread;
    }

    /** Returns the keys that getters have asked for so far, present or not, sorted; the known keys of a connector's type. */
    public Set<String> readKeys() {
        return new TreeSet<>(read);
    }

    /** Builds the error for a setting that is present but wrong, for checks the getters cannot make. */
    public InvalidSettingException invalid(String key, String requirement, Object value) {
        String found = value == null ? "" : " (found '" + value + "')";
        return new InvalidSettingException(
                "connector '" + connector + "': setting '" + key + "' " + requirement + found, key);
    }

    /** Throws {@code problem}, or for collecting settings records it and returns {@code fallback}. */
    private <V> V reject(InvalidSettingException problem, V fallback) {
        if (!collecting) {
            throw problem;
        }
        problems.add(problem);
        return fallback;
    }

    private Object get(String key) {
        read.add(key);
        return values.get(key);
    }

    /** A connector setting that is missing or malformed; the message names the connector and the key. */
    public static final class InvalidSettingException extends IllegalArgumentException {
        private final String key;

        public InvalidSettingException(String message) {
            this(message, null);
        }

        /** Creates the exception for the setting {@code key}, so that the runner can add the key's file position. */
        public InvalidSettingException(String message, String key) {
            super(message);
            this.key = key;
        }

        /** Returns the setting's key, or null when the exception was created without one. */
        public String key() {
            return key;
        }
    }
}
