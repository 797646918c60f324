package io.flume.config;

import io.flume.compiler.ValueSerdes;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConfigKeys;
import io.flume.runtime.config.ConfigWord;
import io.flume.runtime.config.StreamConfig;
import io.flume.runtime.config.ValueSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a config's value serdes against the component library's value type, which the config
 * loader cannot do because it loads no library. {@code flume validate} and {@code flume run}
 * both make this check, and report its problems as config problems: {@code FILE:LINE:COLUMN: key: message}.
 */
public final class ValueSerdeCheck {

    private ValueSerdeCheck() {
    }

    /**
     * Returns one problem for {@code source.value-serde} and for each {@code streams.NAME.value-serde}
     * that needs another value type than {@code valueType}. The list is empty when every one fits.
     *
     * @param library the library as messages name it, such as {@code component library 'earthquakes'}
     */
    public static List<String> problems(AppConfig config, Class<?> valueType, String library) {
        List<String> problems = new ArrayList<>();
        String sourceKey = ConfigKeys.SOURCE + "." + ConfigKeys.SOURCE_VALUE_SERDE;
        check(config, sourceKey, config.source().valueSerde(), valueType, library, problems);
        for (Map.Entry<String, StreamConfig> stream : config.streams().entrySet()) {
            ValueSerde valueSerde = stream.getValue().valueSerde();
            if (valueSerde != null) {
                String key = ConfigKeys.STREAMS + "." + stream.getKey() + "." + ConfigKeys.STREAM_VALUE_SERDE;
                check(config, key, valueSerde, valueType, library, problems);
            }
        }
        return problems;
    }

    /** Throws a {@link ConfigException} with every problem {@link #problems} finds. */
    public static void check(AppConfig config, Class<?> valueType, String library) {
        List<String> problems = problems(config, valueType, library);
        if (!problems.isEmpty()) {
            throw new ConfigException(config.file().map(Object::toString).orElse("(config built in code)"), problems);
        }
    }

    private static void check(AppConfig config, String key, ValueSerde valueSerde, Class<?> valueType, String library,
            List<String> problems) {
        if (ValueSerdes.mismatch(valueSerde, valueType).isEmpty()) {
            return;
        }
        String position = config.positionOf(key).or(() -> config.file().map(Object::toString)).orElse("(config)");
        String required = ValueSerdes.typeName(valueSerde.requiredValueType());
        problems.add(position + ": " + key + ": invalid value '" + ConfigWord.of(valueSerde) + "': it needs " + required
                + " values, but " + library + " has " + ValueSerdes.typeName(valueType)
                + " values; remove the setting to use the library's serde (" + ConfigWord.of(ValueSerde.JSON)
                + "), or use a library of " + required + " values");
    }
}
