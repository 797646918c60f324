package io.flume.examples.earthquakes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.compiler.CompileOptions;
import io.flume.compiler.CompiledTopology;
import io.flume.config.ConfigLoader;
import io.flume.runtime.errors.FlumeHeaders;
import io.flume.runtime.testing.DeadLetter;
import io.flume.runtime.testing.FlumeTestDriver;
import io.flume.schema.SchemaParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The earthquakes schema's {@code notify-retry} node on {@code TopologyTestDriver}: what the
 * declarative tests cannot see, such as the retry topic's name and the attempt count of an
 * exhausted notification.
 */
class NotifyRetryTest {

    private static final Path EXAMPLE = Path.of("earthquakes");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void retryTopicIsNamedAfterApplicationAndNode() throws Exception {
        try (CompiledTopology<ObjectNode> compiled = compile()) {
            assertThat(compiled.retryTopics()).containsExactly("quake-alerts.notify-retry.retry");
            assertThat(compiled.punctuationInterval()).contains(Duration.ofSeconds(1));
            assertThat(compiled.describe()).contains("notify-retry.retry-store");
        }
    }

    @Test
    void exhaustedNotificationIsDeadLetteredWithAttempts() throws Exception {
        try (CompiledTopology<ObjectNode> compiled = compile(); FlumeTestDriver<ObjectNode> driver = compiled.testDriver()) {
            driver.pipe("t-notify", notableQuake(3));
            advance(driver, Duration.ofSeconds(5), compiled.punctuationInterval().orElseThrow());
            assertThat(driver.readDeadLetters()).as("the third attempt is due at 6 s").isEmpty();

            advance(driver, Duration.ofSeconds(1), compiled.punctuationInterval().orElseThrow());

            List<DeadLetter> deadLetters = driver.readDeadLetters();
            assertThat(deadLetters).hasSize(1);
            DeadLetter deadLetter = deadLetters.get(0);
            assertThat(deadLetter.key()).isEqualTo("t-notify");
            assertThat(deadLetter.header(FlumeHeaders.ERROR_ATTEMPTS)).isEqualTo("3");
            assertThat(deadLetter.errorNode()).isEqualTo("notify-retry.notify");
            assertThat(deadLetter.errorPath()).isEqualTo("root.children[2].then.children[1].then.children[1].child");
            assertThat(deadLetter.errorClass()).isEqualTo(IllegalStateException.class.getName());
            assertThat(deadLetter.errorMessage())
                    .isEqualTo("notification service unavailable for feature t-notify (attempt 3 of the 3 that fail)");
            assertThat(deadLetter.header(FlumeHeaders.RETRY_ATTEMPT)).as("retry headers stay on the retry topic").isNull();
            assertThat(driver.readStream("quakes.notified")).isEmpty();
            assertThat(driver.readStream("quakes.notable")).hasSize(1);
        }
    }

    @Test
    void notificationSucceedingOnRetryIsSentOnce() throws Exception {
        try (CompiledTopology<ObjectNode> compiled = compile(); FlumeTestDriver<ObjectNode> driver = compiled.testDriver()) {
            driver.pipe("t-notify", notableQuake(1));
            assertThat(driver.readStream("quakes.notified")).isEmpty();

            advance(driver, Duration.ofSeconds(30), compiled.punctuationInterval().orElseThrow());

            var notified = driver.readStream("quakes.notified");
            assertThat(notified).hasSize(1);
            assertThat(notified.get(0).value().at("/properties/notified").asBoolean()).isTrue();
            assertThat(notified.get(0).headers().lastHeader(FlumeHeaders.RETRY_ATTEMPT)).isNull();
            assertThat(driver.readStream("quakes.notable")).as("sent once, before the retry").hasSize(1);
            assertThat(driver.readDeadLetters()).isEmpty();
        }
    }

    private static CompiledTopology<ObjectNode> compile() throws Exception {
        var config = ConfigLoader.load(EXAMPLE.resolve("flume.yaml"));
        var schema = SchemaParser.parse(EXAMPLE.resolve("pipeline.yaml"));
        return new EarthquakeComponents().create().compile(schema, CompileOptions.builder(config).build());
    }

    /** Advances wall-clock time in steps of the punctuation interval, so that every due retry is released. */
    private static void advance(FlumeTestDriver<?> driver, Duration total, Duration step) {
        for (Duration left = total; !left.isZero(); ) {
            Duration next = left.compareTo(step) < 0 ? left : step;
            driver.advanceWallClockTime(next);
            left = left.minus(next);
        }
    }

    private static ObjectNode notableQuake(int failAttempts) throws Exception {
        return (ObjectNode) MAPPER.readTree("{\"id\": \"t-notify\", \"properties\": {\"mag\": 5.2, \"type\": \"earthquake\","
                + " \"tsunami\": 0, \"alert\": null, \"fail_attempts\": " + failAttempts + "},"
                + " \"geometry\": {\"coordinates\": [142.4, 38.3, 35.0]}}");
    }
}
