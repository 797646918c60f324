package io.flume.connectors;

import static io.flume.connectors.ConnectorTestSupport.config;
import static io.flume.connectors.ConnectorTestSupport.produce;
import static io.flume.connectors.ConnectorTestSupport.start;
import static io.flume.connectors.ConnectorTestSupport.unique;

import com.sun.net.httpserver.HttpServer;
import io.flume.runtime.broker.EmbeddedKafkaBroker;
import io.flume.runtime.config.ConnectorConfig;
import io.flume.runtime.config.ConnectorConfig.Source;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures records per second through each sink: a topic of {@value #RECORDS} records (about 60
 * bytes of JSON each, 3 partitions) on the embedded broker is drained by one connector, timed
 * from the connector's start until its metrics count every record written. Not part of the
 * build; run with {@code -Dflume.bench=true}.
 */
@EnabledIfSystemProperty(named = "flume.bench", matches = "true")
class ConnectorThroughputBenchmark {

    private static final int RECORDS = 200_000;
    private static final int RUNS = 2;

    @Test
    void recordsPerSecondThroughEachSink() throws Exception {
        Path folder = Files.createTempDirectory("flume-bench-");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/sink", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/sink";

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            String topic = unique("bench");
            broker.createTopics(Map.of(topic, 3));
            produce(broker.bootstrapServers(), topic, 0, RECORDS);

            Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
            cases.put("json-lines", Map.of("path", folder.resolve("bench.jsonl").toString(), "batch-size", "1000"));
            cases.put("kafka", Map.of("bootstrap-servers", broker.bootstrapServers(), "topic", "bench-copy", "batch-size", "1000",
                    "producer", Map.of("linger.ms", "5", "compression.type", "none")));
            cases.put("http batch", Map.of("url", url, "mode", "batch", "batch-size", "1000"));
            cases.put("http record", Map.of("url", url, "mode", "record", "concurrency", "8", "batch-size", "1000"));
            broker.createTopics(Map.of("bench-copy", 3));

            List<String> results = new ArrayList<>();
            for (Map.Entry<String, Map<String, Object>> sink : cases.entrySet()) {
                String type = sink.getKey().startsWith("http") ? "http" : sink.getKey();
                int records = sink.getKey().equals("http record") ? RECORDS / 4 : RECORDS;
                for (int run = 1; run <= RUNS; run++) {
                    String name = sink.getKey().replace(' ', '-') + "-" + run;
                    Connectors connectors = start(config(unique("bench"), ConnectorConfig.of(name, topic, type, Source.TOPIC,
                            sink.getValue())), broker.bootstrapServers());
                    long begin = System.nanoTime();
                    try {
                        while (connectors.metrics().get(name).written() < records) {
                            if (System.nanoTime() - begin > Duration.ofMinutes(5).toNanos()) {
                                throw new AssertionError(name + " did not finish in 5 minutes");
                            }
                            Thread.sleep(20);
                        }
                    } finally {
                        connectors.stop(Duration.ofSeconds(5));
                    }
                    double seconds = (System.nanoTime() - begin) / 1e9;
                    results.add(String.format("| %s | %d | %d | %.1f | %,.0f |", sink.getKey(), run, records, seconds,
                            records / seconds));
                }
            }
            System.out.println("| sink | run | records | seconds | records/s |");
            System.out.println("|---|---|---|---|---|");
            results.forEach(System.out::println);
        } finally {
            server.stop(0);
        }
    }
}
