package io.flume.runtime.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownHookTest {

    private static final long WAIT_MILLIS = 90_000;

    @Test
    void sigtermClosesRunnerAndBroker(@TempDir Path dir) throws Exception {
        // The child writes to a file, because Process.destroy() closes the pipes to the child
        // and the lines logged by its shutdown hook would be lost.
        Path log = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ShutdownHookMain.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();

        try {
            Optional<Path> dataDir = awaitReady(log, process);
            assertThat(dataDir).as("READY line; output:%n%s", read(log)).isPresent();
            assertThat(dataDir.get()).isDirectory();

            process.destroy();
            boolean exited = process.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS);

            List<String> output = Files.readAllLines(log);
            assertThat(exited).as("child JVM exited after SIGTERM").isTrue();
            assertThat(output).anyMatch(line -> line.contains("Shutdown signal received; stopping hook-test"));
            int consumerClosed = indexOf(output, "CONSUMER CLOSED while bridge running: true, took one record");
            int bridgeStopped = indexOf(output, "Channel bridge 'hook-channel' stopped");
            assertThat(consumerClosed).as("attached consumer closed while the bridge still ran; output:%n%s", String.join("\n", output)).isNotNegative();
            assertThat(bridgeStopped).as("bridge stopped after the attached consumer closed").isGreaterThan(consumerClosed);
            assertThat(output).anyMatch(line -> line.contains("Stopped the embedded Kafka broker"));
            assertThat(output).anyMatch(line -> line.contains("Application hook-test stopped"));
            assertThat(Files.exists(dataDir.get())).as("broker data directory deleted").isFalse();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Waits for the child's READY line, which names the broker's data directory. */
    private static Optional<Path> awaitReady(Path log, Process process) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            Optional<String> ready = Files.readAllLines(log).stream().filter(line -> line.startsWith("READY ")).findFirst();
            if (ready.isPresent()) {
                return Optional.of(Path.of(ready.get().substring("READY ".length())));
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static String read(Path log) throws Exception {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
