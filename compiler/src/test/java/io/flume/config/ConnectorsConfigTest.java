package io.flume.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConnectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binding of the config's {@code connectors:} section. */
class ConnectorsConfigTest {

    @TempDir
    Path dir;

    private AppConfig load(String yaml, Map<String, String> environment) throws Exception {
        Files.writeString(file(), yaml);
        return ConfigLoader.load(file(), environment);
    }

    private ConfigException failure(String yaml) throws Exception {
        try {
            load(yaml, Map.of());
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }

    private Path file() {
        return dir.resolve("flume.yaml");
    }

    @Test
    void connectorsBindWithSettingsAndPositions() throws Exception {
        AppConfig config = load("""
                application-id: quakes
                source: { topics: [earthquakes] }
                connectors:
                  - name: major-to-archive
                    stream: quakes.major
                    type: json-lines
                    batch-size: 500
                    path: ${ARCHIVE_DIR}/major.jsonl
                  - name: major-to-http
                    stream: quakes.major
                    type: http
                    from: channel
                    headers:
                      Authorization: Bearer ${TOKEN}
                """, Map.of("ARCHIVE_DIR", "/var/archive", "TOKEN", "s3cret"));

        assertThat(config.connectors()).hasSize(2);
        ConnectorConfig archive = config.connectors().get(0);
        assertThat(archive.name()).isEqualTo("major-to-archive");
        assertThat(archive.stream()).isEqualTo("quakes.major");
        assertThat(archive.type()).isEqualTo("json-lines");
        assertThat(archive.from()).isEqualTo(ConnectorConfig.Source.TOPIC);
        assertThat(archive.settings()).containsExactly(
                Map.entry("batch-size", "500"), Map.entry("path", "/var/archive/major.jsonl"));
        assertThat(archive.position()).isEqualTo(file() + ":4:5");
        assertThat(archive.positionOf("path")).isEqualTo(file() + ":8:5");

        ConnectorConfig http = config.connectors().get(1);
        assertThat(http.from()).isEqualTo(ConnectorConfig.Source.CHANNEL);
        assertThat(http.settings().get("headers")).isEqualTo(Map.of("Authorization", "Bearer s3cret"));
    }

    @Test
    void missingRequiredKeysNameTheLine() throws Exception {
        ConfigException error = failure("""
                application-id: quakes
                source: { topics: [earthquakes] }
                connectors:
                  - name: archive
                    type: json-lines
                  - stream: quakes.major
                    type: http
                """);

        assertThat(error.problems()).containsExactly(
                file() + ":4:5: connectors[0] (archive): stream is missing; set the stream the connector carries",
                file() + ":6:5: connectors[1]: name is missing; set such as 'name: alerts-to-archive'");
    }

    @Test
    void duplicateNamesAreRejected() throws Exception {
        ConfigException error = failure("""
                application-id: quakes
                source: { topics: [earthquakes] }
                connectors:
                  - { name: archive, stream: a, type: json-lines }
                  - { name: archive, stream: b, type: json-lines }
                """);

        assertThat(error.problems()).containsExactly(
                file() + ":5:5: connectors[1]: connector name 'archive' is used twice; give each connector a unique name");
    }

    @Test
    void invalidSourceGetsSuggestion() throws Exception {
        ConfigException error = failure("""
                application-id: quakes
                source: { topics: [earthquakes] }
                connectors:
                  - name: archive
                    stream: quakes.major
                    type: json-lines
                    from: chanel
                """);

        assertThat(error.problems()).containsExactly(file() + ":7:11: connectors[0] (archive).from: invalid value 'chanel';"
                + " did you mean 'channel'? expected one of: topic, channel");
    }

    @Test
    void sectionThatIsNoListIsRejected() throws Exception {
        ConfigException error = failure("""
                application-id: quakes
                source: { topics: [earthquakes] }
                connectors:
                  archive: { stream: a, type: json-lines }
                """);

        assertThat(error.problems()).singleElement().asString()
                .startsWith(file() + ":4:3: connectors: expected a list of connectors, got a map");
    }
}
