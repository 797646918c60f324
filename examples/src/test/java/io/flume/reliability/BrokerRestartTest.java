package io.flume.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.flume.app.FlumeApplication;
import io.flume.config.ConfigLoader;
import io.flume.examples.earthquakes.EarthquakeComponents;
import io.flume.reliability.QuakeInputs.Input;
import io.flume.runtime.app.StreamsRunner;
import io.flume.runtime.broker.EmbeddedKafkaBroker;
import io.flume.runtime.config.AppConfig;
import io.flume.schema.SchemaParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts the embedded broker (same ports, same data) while the earthquakes application
 * processes a steady stream of inputs under {@code exactly_once_v2}, and checks that the
 * application recovers on its own: it is still running afterwards, and every input is accounted
 * for exactly once.
 */
class BrokerRestartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(ReliabilityMode.pick(120, 600));

    @TempDir
    Path temp;

    @Test
    void applicationRecoversFromBrokerRestart() throws Exception {
        long seed = ReliabilityMode.seed();
        Random random = new Random(seed);
        System.out.println("BrokerRestartTest seed " + seed + " (rerun with -Dflume.reliability.seed=" + seed + ")");
        int restarts = ReliabilityMode.pick(1, 5);
        List<Input> inputs = QuakeInputs.generate(random, ReliabilityMode.pick(2_000, 50_000), "restart", 20);

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(Map.of(QuakeInputs.SOURCE, 2));
            AppConfig config = ConfigLoader.load(Path.of("earthquakes/flume.yaml")).toBuilder()
                    .kafka("bootstrap.servers", broker.bootstrapServers())
                    .kafka("processing.guarantee", "exactly_once_v2")
                    .kafka("state.dir", Files.createDirectories(temp.resolve("state")).toString())
                    .kafka("commit.interval.ms", "200")
                    .createTopics(true)
                    .build();
            try (FlumeApplication<?> app = FlumeApplication.create(config, new EarthquakeComponents(),
                    SchemaParser.parse(Path.of("earthquakes/pipeline.yaml")))) {
                StreamsRunner runner = app.start(false);
                List<Input> sent;
                List<Long> restartMillis = new ArrayList<>();
                try (QuakeProducer producer = new QuakeProducer(broker.bootstrapServers(), inputs, 10, 250).start()) {
                    for (int i = 0; i < restarts; i++) {
                        Thread.sleep(2_000 + random.nextInt(3_000));
                        long started = System.nanoTime();
                        broker.restart();
                        restartMillis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                    }
                    // Load continues after the last restart, so records also arrive on the recovered connections.
                    Thread.sleep(4_000);
                    sent = producer.stop();
                }
                System.out.println("BrokerRestartTest: " + restarts + " restarts taking " + restartMillis + " ms; "
                        + sent.size() + " inputs produced");

                Deliveries.Report report = Deliveries.await(broker.bootstrapServers(), sent, TIMEOUT);
                System.out.println("BrokerRestartTest: " + report.summary());

                assertThat(runner.failure()).as("stream thread failure").isEmpty();
                assertThat(runner.state().isRunningOrRebalancing()).as("application runs after the restarts").isTrue();
                assertThat(report.missing()).as("inputs lost").isEmpty();
                assertThat(report.unexpected()).as("records no input expected").isEmpty();
                assertThat(report.duplicates()).as("duplicates in the committed output").isEmpty();
            }
        }
    }
}
