package io.flume.connectors;

import static io.flume.connectors.ConnectorTestSupport.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConnectorConfig;
import io.flume.runtime.config.ConnectorConfig.Source;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks of connector configs that run before an application starts anything. */
class ConnectorsCheckTest {

    private static ConnectorConfig connector(String type, Map<String, Object> settings, Map<String, String> positions) {
        return new ConnectorConfig("archive", "quakes.major", type, Source.TOPIC, settings, "app.yaml:12:5", positions);
    }

    @Test
    void unknownTypeListsKnownTypes() {
        AppConfig config = config("quakes", connector("jsonlines", Map.of("path", "/tmp/a.jsonl"), Map.of()));

        assertThatThrownBy(() -> Connectors.check(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app.yaml:12:5: connector 'archive': unknown type 'jsonlines'; known types: ")
                .hasMessageContaining("http, json-lines, kafka");
    }

    @Test
    void unknownSettingNamesItsLineAndKnownSettings() {
        AppConfig config = config("quakes", connector("json-lines",
                Map.of("path", "/tmp/a.jsonl", "max-file-siz", "1MB"),
                Map.of("path", "app.yaml:15:5", "max-file-siz", "app.yaml:16:5")));

        assertThatThrownBy(() -> Connectors.check(config))
                .hasMessageContaining("app.yaml:16:5: connector 'archive': unknown setting 'max-file-siz' for type json-lines")
                .hasMessageContaining("known settings: batch-size, linger, max-file-size, path, retry.attempts");
    }

    @Test
    void invalidRunnerSettingNamesItsLine() {
        AppConfig config = config("quakes", connector("json-lines",
                Map.of("path", "/tmp/a.jsonl", "batch-size", "lots"),
                Map.of("path", "app.yaml:15:5", "batch-size", "app.yaml:14:5")));

        assertThatThrownBy(() -> Connectors.check(config))
                .hasMessageContaining("app.yaml:14:5: connector 'archive': setting 'batch-size' must be a whole number (found 'lots')");
    }

    @Test
    void invalidSinkSettingNamesItsLine() {
        AppConfig config = config("quakes", connector("http",
                Map.of("url", "ftp://example/x", "mode", "each"),
                Map.of("url", "app.yaml:13:5", "mode", "app.yaml:14:5")));

        assertThatThrownBy(() -> Connectors.check(config))
                .hasMessageContaining("app.yaml:13:5: connector 'archive': setting 'url' must be an http:// or https:// URL");
    }

    @Test
    void missingRequiredSettingNamesTheConnector() {
        AppConfig config = config("quakes", connector("kafka", Map.of("topic", "archive"), Map.of("topic", "app.yaml:13:5")));

        assertThatThrownBy(() -> Connectors.check(config))
                .hasMessageContaining("app.yaml:12:5: connector 'archive': setting 'bootstrap-servers' is required");
    }

    @Test
    void everyWrongSettingOfAConnectorIsReported() {
        AppConfig config = config("quakes", connector("json-lines",
                Map.of("path", "/tmp/a.jsonl", "batch-size", "lots", "linger", "soon", "max-file-size", "huge"),
                Map.of("path", "app.yaml:15:5", "batch-size", "app.yaml:14:5", "linger", "app.yaml:16:5",
                        "max-file-size", "app.yaml:17:5")));

        List<String> problems = Connectors.problems(config);

        assertThat(problems).hasSize(3);
        assertThat(problems).anyMatch(problem -> problem.startsWith("app.yaml:14:5: connector 'archive': setting 'batch-size'"));
        assertThat(problems).anyMatch(problem -> problem.startsWith("app.yaml:16:5: connector 'archive': setting 'linger'"));
        assertThat(problems).anyMatch(problem -> problem.startsWith("app.yaml:17:5: connector 'archive': setting 'max-file-size'"));
    }

    @Test
    void missingRequiredSettingHidesWhatFollowsFromIt() {
        AppConfig config = config("quakes", connector("http", Map.of("mode", "each", "timeout", "never"),
                Map.of("mode", "app.yaml:13:5", "timeout", "app.yaml:14:5")));

        List<String> problems = Connectors.problems(config);

        assertThat(problems).anyMatch(problem -> problem.contains("setting 'url' is required"));
        assertThat(problems).noneMatch(problem -> problem.contains("NullPointerException") || problem.contains("null"));
    }

    @Test
    void weakenedKafkaProducerIsRejected() {
        AppConfig noAcks = config("quakes", connector("kafka",
                Map.of("bootstrap-servers", "127.0.0.1:9092", "topic", "archive", "producer", Map.of("acks", "0")),
                Map.of("producer", "app.yaml:15:5")));
        AppConfig notIdempotent = config("quakes", connector("kafka",
                Map.of("bootstrap-servers", "127.0.0.1:9092", "topic", "archive",
                        "producer", Map.of("enable.idempotence", "false")),
                Map.of("producer", "app.yaml:15:5")));

        assertThatThrownBy(() -> Connectors.check(noAcks))
                .hasMessageContaining("app.yaml:15:5: connector 'archive': setting 'producer' must not set acks below all")
                .hasMessageContaining("(found '0')");
        assertThatThrownBy(() -> Connectors.check(notIdempotent))
                .hasMessageContaining("app.yaml:15:5: connector 'archive': setting 'producer' must not turn off enable.idempotence");
    }
}
