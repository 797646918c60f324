package io.flume.runtime.app;

import io.flume.api.Channel;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.SourceConfig;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** Runs an application on the embedded broker until the JVM receives SIGTERM; {@link ShutdownHookTest} starts it. */
public final class ShutdownHookMain {

    private ShutdownHookMain() {
    }

    public static void main(String[] args) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("hook-in", Consumed.with(Serdes.String(), Serdes.String()).withName("source"))
                .to("hook-out", Produced.with(Serdes.String(), Serdes.String()).withName("sink"));
        AppConfig config = AppConfig.builder("hook-test")
                .source(SourceConfig.of("hook-in"))
                .shutdownGrace(Duration.ofSeconds(5))
                .build();

        Channel<String> channel = Channel.bounded(10);
        StreamsRunner runner = StreamsRunner.builder(config, builder.build())
                .topic("hook-out", 1)
                .channel("hook-channel", "hook-out", channel, new StringDeserializer())
                .start();
        runner.attach(() -> System.out.println("CONSUMER CLOSED while bridge running: "
                + runner.bridges().get("hook-channel").orElseThrow().isRunning()));
        System.out.println("READY " + runner.broker().orElseThrow().dataDir());
        System.out.flush();
        runner.awaitTermination(Duration.ofMinutes(5));
    }
}
