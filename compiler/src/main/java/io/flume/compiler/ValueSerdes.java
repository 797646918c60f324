package io.flume.compiler;

import io.flume.Flume;
import io.flume.runtime.config.ConfigWord;
import io.flume.runtime.config.ValueSerde;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Resolves a config's {@code value-serde} against a component library's value type.
 *
 * <p>The serde is a compile option, like the key serde, and not a property of the registry: a
 * {@link Flume} is a live registry that applications add channels, schemas and listeners to
 * while they run, so a copy of it with another serde would split that state. The registry keeps
 * its own serde ({@link Flume#valueSerde()}), which {@code json} selects and which in-process
 * pipelines and cloners use. The compiler uses the resolved serde everywhere a compiled topology
 * turns values into bytes: the source, the sinks, the retry topics, the gather stores and the
 * channel bridges.
 */
public final class ValueSerdes {

    private ValueSerdes() {
    }

    /**
     * Returns the serde that {@code format} selects for the values of {@code flume}: its own serde
     * for {@code json}, Kafka's String serde for {@code string}, Kafka's ByteArray serde for
     * {@code bytes}.
     *
     * @throws CompileException when the format needs another value type than the library's
     */
    @SuppressWarnings("unchecked")
    public static <T> Serde<T> resolve(ValueSerde format, Flume<T> flume) {
        mismatch(format, flume.valueType()).ifPresent(problem -> {
            throw new CompileException(List.of("value-serde " + problem));
        });
        return switch (format) {
            case JSON -> flume.valueSerde();
            case STRING -> (Serde<T>) Serdes.String();
            case BYTES -> (Serde<T>) Serdes.ByteArray();
        };
    }

    /**
     * Returns why {@code format} cannot serialize values of {@code valueType}, as the end of a
     * sentence that starts with the setting's name, or empty when it can.
     */
    public static Optional<String> mismatch(ValueSerde format, Class<?> valueType) {
        Class<?> required = format.requiredValueType();
        if (required == null || required == valueType) {
            return Optional.empty();
        }
        return Optional.of("'" + ConfigWord.of(format) + "' needs " + typeName(required) + " values, but the component library has "
                + typeName(valueType) + " values; use json, the library's serde");
    }

    /** Returns a type's name as Java code writes it, such as {@code byte[]} or {@code ObjectNode}. */
    public static String typeName(Class<?> type) {
        return type.getSimpleName();
    }
}
