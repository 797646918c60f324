package io.flume.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.Flume;
import io.flume.app.FlumeApplication;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.KeySerde;
import io.flume.runtime.config.ValueSerde;
import io.flume.schema.SchemaParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config's serde settings: what the loader rejects alone, and what only the library's value type can tell. */
class SerdeConfigTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("flume.yaml"), yaml);
    }

    private AppConfig load(String yaml) throws Exception {
        return ConfigLoader.load(write(yaml), Map.of());
    }

    private ConfigException failure(String yaml) throws Exception {
        Path file = write(yaml);
        try {
            ConfigLoader.load(file, Map.of());
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }

    private String file() {
        return dir.resolve("flume.yaml").toString();
    }

    @Test
    void serdeSettingsLoadWithPositions() throws Exception {
        AppConfig config = load("""
                application-id: texts
                source:
                  topics: [texts]
                  key-serde: string
                  value-serde: string
                streams:
                  counts: { topic: text.counts, key-serde: long, value-serde: json }
                """);

        assertThat(config.source().valueSerde()).isEqualTo(ValueSerde.STRING);
        assertThat(config.streams().get("counts").keySerde()).isEqualTo(KeySerde.LONG);
        assertThat(config.streams().get("counts").valueSerde()).isEqualTo(ValueSerde.JSON);
        assertThat(config.positionOf("source.value-serde")).contains(file() + ":5:16");
        assertThat(config.positionOf("streams.counts.key-serde")).contains(file() + ":7:44");
    }

    @Test
    void keySerdeWithoutConversionIsRejected() throws Exception {
        ConfigException error = failure("""
                application-id: texts
                source:
                  topics: [texts]
                  key-serde: long
                streams:
                  ids: { key-serde: uuid }
                """);

        assertThat(error.problems()).containsExactly(file() + ":6:21: streams.ids.key-serde: invalid value 'uuid': the source's"
                + " long keys have no conversion to uuid; use string or long, or remove the setting to keep the source's keys");
    }

    @Test
    void streamToSourceTopicMustKeepSourceSerdes() throws Exception {
        ConfigException error = failure("""
                application-id: texts
                source:
                  topics: [texts]
                streams:
                  again:
                    topic: texts
                    value-serde: string
                """);

        assertThat(error.problems()).containsExactly(file() + ":7:18: streams.again.value-serde: stream 'again' writes to"
                + " source topic 'texts', which the source reads with key-serde string and value-serde json; use those, or"
                + " write the stream to another topic");
    }

    @Test
    void streamsSharingTopicMustAgreeOnSerdes() throws Exception {
        ConfigException error = failure("""
                application-id: texts
                source:
                  topics: [texts]
                streams:
                  first: { topic: shared }
                  second: { topic: shared, key-serde: bytes }
                """);

        assertThat(error.problems()).containsExactly(file() + ":6:20: streams.second: streams 'first' and 'second' both"
                + " write to topic 'shared' but with different serdes (string/json and bytes/json); give them the same"
                + " key-serde and value-serde, or separate topics");
    }

    @Test
    void sourceStringSerdeNeedsStringValues() throws Exception {
        AppConfig config = load("""
                application-id: texts
                source:
                  topics: [texts]
                  value-serde: string
                """);

        assertThat(ValueSerdeCheck.problems(config, com.fasterxml.jackson.databind.node.ObjectNode.class,
                "component library 'quakes'")).containsExactly(file() + ":4:16: source.value-serde: invalid value 'string':"
                + " it needs String values, but component library 'quakes' has ObjectNode values; remove the setting to use"
                + " the library's serde (json), or use a library of String values");
    }

    @Test
    void streamBytesSerdeOnStringLibraryIsRejected() throws Exception {
        AppConfig config = load("""
                application-id: texts
                source:
                  topics: [texts]
                  value-serde: string
                streams:
                  raw: { value-serde: bytes }
                  quoted: { value-serde: json }
                """);

        assertThat(ValueSerdeCheck.problems(config, String.class, "component library 'texts'")).containsExactly(
                file() + ":6:23: streams.raw.value-serde: invalid value 'bytes': it needs byte[] values, but component"
                        + " library 'texts' has String values; remove the setting to use the library's serde (json), or use"
                        + " a library of byte[] values");
        assertThat(ValueSerdeCheck.problems(config, byte[].class, "component library 'blobs'")).containsExactly(
                file() + ":4:16: source.value-serde: invalid value 'string': it needs String values, but component"
                        + " library 'blobs' has byte[] values; remove the setting to use the library's serde (json), or use"
                        + " a library of String values");
    }

    @Test
    void applicationRejectsMismatchBeforeCompiling() throws Exception {
        AppConfig config = load("""
                application-id: texts
                source:
                  topics: [texts]
                  value-serde: bytes
                """);
        Flume<String> flume = Flume.builder(String.class).build();

        assertThatThrownBy(() -> FlumeApplication.of(config, flume, SchemaParser.parse("stream: out", "pipeline.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file() + ":4:16: source.value-serde: invalid value 'bytes'")
                .hasMessageContaining("the registry has String values");
    }
}
