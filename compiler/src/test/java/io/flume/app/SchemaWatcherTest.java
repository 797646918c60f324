package io.flume.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.schema.SchemaParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flume run --watch}: a changed schema file is reloaded, an invalid one reported and ignored. */
class SchemaWatcherTest {

    private static final String FILTER = """
            type: filter
            name: notable
            predicate: %s
            then: { stream: alerts }
            """;

    @Test
    void changedFileIsReloadedAndInvalidFileIgnored(@TempDir Path folder) throws Exception {
        Flume<ObjectNode> flume = Flume.builder(ObjectNode.class)
                .predicate("above-5", quake -> quake.path("mag").asDouble() > 5)
                .predicate("above-3", quake -> quake.path("mag").asDouble() > 3)
                .build();
        Path file = Files.writeString(folder.resolve("pipeline.yaml"), FILTER.formatted("above-5"));
        BlockingQueue<String> reports = new LinkedBlockingQueue<>();

        try (var app = FlumeApplication.of(FlumeApplication.defaultConfig(), flume, SchemaParser.parse(file));
             var watcher = SchemaWatcher.start(app, file, Duration.ofMillis(50), false, reports::add)) {
            Files.writeString(file, "type: filter\nname: notable\npredicate: [\n");
            String invalid = reports.poll(10, TimeUnit.SECONDS);

            assertThat(invalid).contains("pipeline.yaml:", "ignored");
            assertThat(app.schema().root().predicate()).isEqualTo("above-5");

            Files.writeString(file, FILTER.formatted("above-3"));
            String applied = reports.poll(10, TimeUnit.SECONDS);

            assertThat(applied).contains("without a restart");
            assertThat(app.schema().root().predicate()).isEqualTo("above-3");
            assertThat(app.compiled().liveParameters().version()).isEqualTo(1);
        }
    }
}
