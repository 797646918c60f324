package io.flume.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The benchmark inputs, read from the classpath as JSON lines: 200,000 flights of 2001 (the
 * {@code flights-2001-200k.jsonl} data set, gzipped in this module) and the 1,707 USGS features of
 * the earthquakes example.
 */
public final class Datasets {

    public static final String FLIGHTS = "flights/flights-2001-200k.jsonl.gz";
    public static final String EARTHQUAKES = "demo/earthquakes/data/earthquakes-usgs-week.jsonl";

    private Datasets() {
    }

    /** Returns the first {@code limit} flights as JSON lines. */
    public static List<String> flights(int limit) {
        return readLines(FLIGHTS, limit);
    }

    /** Returns the earthquake features as JSON lines. */
    public static List<String> earthquakes() {
        return readLines(EARTHQUAKES, Integer.MAX_VALUE);
    }

    /** Returns {@code lines} repeated until the list has {@code count} entries. */
    public static List<String> repeat(List<String> lines, int count) {
        List<String> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(lines.get(i % lines.size()));
        }
        return result;
    }

    /** Returns the UTF-8 bytes of each line. */
    public static List<byte[]> bytes(List<String> lines) {
        return lines.stream().map(line -> line.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static List<String> readLines(String resource, int limit) {
        InputStream raw = Datasets.class.getClassLoader().getResourceAsStream(resource);
        if (raw == null) {
            throw new IllegalStateException("benchmark data " + resource + " is not on the classpath;"
                    + " build the benchmarks module with its dependencies (flume-examples)");
        }
        try (InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while (lines.size() < limit && (line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read benchmark data " + resource, e);
        }
    }
}
