package io.flume.runtime.app;

import io.flume.api.Channel;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.SourceConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
        // One record waits in the channel, so the bridge must keep running until the attached
        // consumer takes it on close. With an empty queue the bridge may stop at once.
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runner.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("hook-in", "k", "v")).get();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (channel.depth() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        runner.attach(() -> {
            boolean bridgeRunning = runner.bridges().get("hook-channel").orElseThrow().isRunning();
            String taken = channel.poll(Duration.ofSeconds(1)) == null ? "nothing" : "one record";
            System.out.println("CONSUMER CLOSED while bridge running: " + bridgeRunning + ", took " + taken);
        });
        System.out.println("READY " + runner.broker().orElseThrow().dataDir());
        System.out.flush();
        runner.awaitTermination(Duration.ofMinutes(5));
    }
}
