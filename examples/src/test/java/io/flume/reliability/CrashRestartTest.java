package io.flume.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.flume.reliability.QuakeInputs.Input;
import io.flume.runtime.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the earthquakes application with SIGKILL at random points while it processes a stream of
 * inputs, restarts it, and accounts for every input afterwards. The application runs in a child
 * JVM ({@link QuakeAppMain}) on the test's class path, against an embedded broker in this JVM,
 * with one Kafka Streams state directory for all its runs, as a restarted container would have.
 *
 * <p>Each run is killed after a random time of 1 to 4 s (1 to 11 s in long mode) from the moment
 * it runs, while inputs arrive at about 40 a second. Under {@code exactly_once_v2}, every expected (topic, key) pair must be committed exactly
 * once: no input lost, none duplicated, nothing unexpected. Under {@code at_least_once} nothing
 * may be lost, and the test reports the duplicates.
 */
class CrashRestartTest {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(ReliabilityMode.pick(120, 600));
    private static final int MAX_INPUTS = ReliabilityMode.pick(2_000, 50_000);
    private static final int CHILD_LIFETIME_SECONDS = ReliabilityMode.pick(600, 3_600);

    @TempDir
    Path temp;

    @Test
    void exactlyOnceSurvivesKills() throws Exception {
        Deliveries.Report report = crashAndRestart("exactly_once_v2", ReliabilityMode.pick(3, 10));

        assertThat(report.missing()).as("inputs lost").isEmpty();
        assertThat(report.unexpected()).as("records no input expected").isEmpty();
        assertThat(report.duplicates()).as("duplicates in the committed output").isEmpty();
    }

    @Test
    void atLeastOnceLosesNothingAfterKill() throws Exception {
        // One kill in short mode keeps the suite short; the exactly-once test kills three times.
        Deliveries.Report report = crashAndRestart("at_least_once", ReliabilityMode.pick(1, 10));

        assertThat(report.missing()).as("inputs lost").isEmpty();
        assertThat(report.unexpected()).as("records no input expected").isEmpty();
        System.out.println("at_least_once: " + report.duplicateCount() + " duplicate copies after the kills");
    }

    private Deliveries.Report crashAndRestart(String guarantee, int kills) throws Exception {
        long seed = ReliabilityMode.seed();
        Random random = new Random(seed);
        System.out.println("CrashRestartTest " + guarantee + " seed " + seed + " (rerun with -Dflume.reliability.seed=" + seed + ")");
        List<Input> inputs = QuakeInputs.generate(random, MAX_INPUTS, "crash", 20);
        Path stateDir = Files.createDirectories(temp.resolve("state"));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .property("group.min.session.timeout.ms", "2000")
                .start()) {
            broker.createTopics(Map.of(QuakeInputs.SOURCE, 2));
            String bootstrap = broker.bootstrapServers();
            List<Input> sent;
            Process app = null;
            try (QuakeProducer producer = new QuakeProducer(bootstrap, inputs, 10, 250).start()) {
                List<Long> killedAfter = new ArrayList<>();
                for (int run = 1; run <= kills; run++) {
                    app = startApp(bootstrap, guarantee, stateDir, run);
                    long wait = 1_000 + random.nextInt(ReliabilityMode.pick(3_000, 10_000));
                    Thread.sleep(wait);
                    app.destroyForcibly();
                    assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("killed application exits").isTrue();
                    killedAfter.add(wait);
                }
                sent = producer.stop();
                System.out.println(guarantee + ": killed " + kills + " times, after " + killedAfter + " ms of running; "
                        + sent.size() + " inputs produced");

                app = startApp(bootstrap, guarantee, stateDir, kills + 1);
                Deliveries.Report report = Deliveries.await(bootstrap, sent, DRAIN_TIMEOUT);
                System.out.println(guarantee + ": " + report.summary());
                assertThat(sent).as("inputs produced while the application was killed").isNotEmpty();
                return report;
            } finally {
                if (app != null) {
                    app.destroyForcibly();
                    app.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Starts {@link QuakeAppMain} in a child JVM and waits until it prints that it runs. */
    private Process startApp(String bootstrap, String guarantee, Path stateDir, int run) throws IOException, InterruptedException {
        Path log = temp.resolve("app-run-" + run + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), QuakeAppMain.class.getName(),
                bootstrap, guarantee, stateDir.toString(), Integer.toString(CHILD_LIFETIME_SECONDS))
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(QuakeAppMain.READY)) {
                return process;
            }
            if (!process.isAlive()) {
                throw new AssertionError("application run " + run + " exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("application run " + run + " did not start within " + READY_TIMEOUT + ":\n" + Files.readString(log));
    }
}
