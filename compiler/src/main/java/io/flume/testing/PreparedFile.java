package io.flume.testing;

import io.flume.ComponentLibrary;
import io.flume.Flume;
import io.flume.compiler.CompileOptions;
import io.flume.compiler.CompiledTopology;
import io.flume.compiler.TopologyCompiler;
import io.flume.runtime.config.AppConfig;
import io.flume.schema.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;

/**
 * A test file whose schema, config and components loaded, validated and compiled, with every
 * input already converted to the pipeline's key and value types.
 *
 * @param <T> the pipeline's value type
 */
final class PreparedFile<T> {

    /** One record to pipe in, converted; {@code line} is where the file lists it. */
    record PipedRecord<T>(String topic, Object key, T value, Headers headers, Instant timestamp, int line) {
    }

    private final TestFile testFile;
    private final Schema schema;
    private final ComponentLibrary library;
    private final AppConfig config;
    private final RecordCodec<T> codec;
    private final Map<String, List<PipedRecord<T>>> inputsByCase;
    private final List<String> warnings;

    PreparedFile(TestFile testFile, Schema schema, ComponentLibrary library, AppConfig config, RecordCodec<T> codec,
                 Map<String, List<PipedRecord<T>>> inputsByCase, List<String> warnings) {
        this.testFile = testFile;
        this.schema = schema;
        this.library = library;
        this.config = config;
        this.codec = codec;
        this.inputsByCase = Map.copyOf(inputsByCase);
        this.warnings = List.copyOf(warnings);
    }

    TestFile testFile() {
        return testFile;
    }

    RecordCodec<T> codec() {
        return codec;
    }

    List<String> warnings() {
        return warnings;
    }

    List<PipedRecord<T>> inputs(TestFile.Case testCase) {
        return inputsByCase.getOrDefault(testCase.name(), List.of());
    }

    /**
     * Compiles the schema again with freshly created components and fresh metrics, so that no
     * state a component or node keeps carries over from one case to the next.
     */
    @SuppressWarnings("unchecked")
    CompiledTopology<T> compileFresh() {
        Flume<T> flume = (Flume<T>) library.create();
        return TopologyCompiler.compile(schema, flume, options(config));
    }

    static CompileOptions options(AppConfig config) {
        return config == null ? CompileOptions.defaults() : CompileOptions.builder(config).build();
    }
}
