package io.flume.reliability;

import io.flume.app.FlumeApplication;
import io.flume.config.ConfigLoader;
import io.flume.examples.earthquakes.EarthquakeComponents;
import io.flume.runtime.config.AppConfig;
import io.flume.schema.SchemaParser;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the earthquakes example in its own JVM for {@link CrashRestartTest}, which kills it with
 * SIGKILL. Arguments: bootstrap servers, processing guarantee, Kafka Streams state directory, and
 * the maximum lifetime in seconds, after which it stops on its own so that a test that died
 * cannot leave it running. Prints {@value #READY} once Kafka Streams runs.
 */
public final class QuakeAppMain {

    static final String READY = "QUAKE-APP-READY";

    private QuakeAppMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: QuakeAppMain BOOTSTRAP_SERVERS PROCESSING_GUARANTEE STATE_DIR MAX_LIFETIME_SECONDS");
            System.exit(2);
        }
        AppConfig config = ConfigLoader.load(Path.of("earthquakes/flume.yaml")).toBuilder()
                .kafka("bootstrap.servers", args[0])
                .kafka("processing.guarantee", args[1])
                .kafka("state.dir", args[2])
                // A killed instance stays in the consumer group until its session times out, and the
                // restarted one waits for that. The test lowers the broker's minimum to allow 4 s.
                .kafka("session.timeout.ms", "4000")
                .kafka("heartbeat.interval.ms", "1000")
                .kafka("commit.interval.ms", "200")
                .createTopics(true)
                .build();
        var schema = SchemaParser.parse(Path.of("earthquakes/pipeline.yaml"));
        try (FlumeApplication<?> app = FlumeApplication.create(config, new EarthquakeComponents(), schema)) {
            app.start(true);
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Duration.ofSeconds(Long.parseLong(args[3])).toMillis());
        }
    }
}
