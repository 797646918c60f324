package io.flume.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.api.Channel;
import io.flume.app.FlumeApplication;
import io.flume.app.InputFile;
import io.flume.config.ConfigLoader;
import io.flume.runtime.app.StreamsRunner;
import io.flume.runtime.channel.ChannelStats;
import io.flume.runtime.config.AppConfig;
import io.flume.schema.SchemaParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs the orders example on the embedded broker with its component library's workers, as
 * {@code flume run} does, and checks that the workers finish every record the channels receive,
 * that channels added to and removed from the registry are bridged and unbridged while the
 * application runs, and that closing leaves no thread behind.
 */
class OrderChannelsOnBrokerTest {

    private static final Path EXAMPLE = Path.of("orders");
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Test
    void workersFinishEveryChannelRecord() throws Exception {
        AppConfig config = ConfigLoader.load(EXAMPLE.resolve("flume.yaml")).toBuilder()
                .shutdownGrace(Duration.ofSeconds(5))
                .build();
        var schema = SchemaParser.parse(EXAMPLE.resolve("pipeline.yaml"));
        Set<String> threadsBefore = liveThreadNames();

        FlumeApplication<?> app = FlumeApplication.create(config, new OrderComponents(), schema);
        try {
            StreamsRunner runner = app.start(false);
            assertThat(threadsStartingWith("order-worker-")).as("workers started by the library").hasSize(OrderComponents.RUN_WORKERS);

            long produced = app.produce(new InputFile(EXAMPLE.resolve("data/orders.jsonl"), "id")).produced();
            assertThat(produced).isEqualTo(200);
            assertThat(app.awaitProcessed(produced, TIMEOUT, () -> { })).as("all orders processed in time").isTrue();

            assertThat(runner.channelStats()).containsOnlyKeys(OrderComponents.CHANNEL_CAPACITIES.keySet());
            awaitTrue(() -> runner.channelStats().values().stream().allMatch(OrderChannelsOnBrokerTest::finished),
                    "every channel drained, acknowledged and without lag: " + runner.channelStats());
            Map<String, ChannelStats> stats = runner.channelStats();
            assertThat(stats.get(OrderComponents.AUDIT_CHANNEL).offered()).as("audit receives every valid order").isPositive();
            stats.values().forEach(channel -> assertThat(channel.taken()).as(channel.name()).isEqualTo(channel.offered()));

            changeChannelsWhileRunning(app, runner);
        } finally {
            app.close();
        }

        Set<String> leftOver = liveThreadNames();
        leftOver.removeAll(threadsBefore);
        assertThat(leftOver).as("threads still alive after close")
                .noneMatch(name -> name.startsWith("order-worker-") || name.startsWith("flume-channel-")
                        || name.contains(config.applicationId()));
    }

    @SuppressWarnings("unchecked")
    private static void changeChannelsWhileRunning(FlumeApplication<?> app, StreamsRunner runner) {
        Flume<ObjectNode> flume = (Flume<ObjectNode>) app.flume();

        flume.removeChannel(OrderComponents.AUDIT_CHANNEL);
        assertThat(runner.channelStats()).doesNotContainKey(OrderComponents.AUDIT_CHANNEL);
        assertThat(threadsStartingWith("flume-channel-" + OrderComponents.AUDIT_CHANNEL)).isEmpty();

        flume.addChannel(OrderComponents.AUDIT_CHANNEL, Channel.bounded(10));
        assertThat(runner.channelStats()).containsKey(OrderComponents.AUDIT_CHANNEL);
        assertThat(runner.channelStats().get(OrderComponents.AUDIT_CHANNEL).capacity()).isEqualTo(10);

        flume.addChannel("orders.unknown", Channel.bounded(10));
        assertThat(runner.channelStats()).as("the topology sends no stream orders.unknown").doesNotContainKey("orders.unknown");
    }

    private static boolean finished(ChannelStats channel) {
        return channel.depth() == 0 && channel.unacknowledged() == 0 && channel.lag() == 0;
    }

    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static List<String> threadsStartingWith(String prefix) {
        return liveThreadNames().stream().filter(name -> name.startsWith(prefix)).toList();
    }

    private static void awaitTrue(BooleanSupplier condition, String description) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as(description).isTrue();
    }
}
