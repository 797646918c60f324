package io.flume.examples.earthquakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes from a data file how many records each stream of the earthquakes example must
 * receive. It reads the GeoJSON with its own code, not with the example's components, so that a
 * bug in the components or the compiler shows up as a difference.
 */
final class ExpectedQuakeRoutes {

    static final String DEAD_LETTER = "dead-letter";
    /** The attempts of the schema's notify-retry node, the first included. */
    static final int NOTIFY_ATTEMPTS = 3;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExpectedQuakeRoutes() {
    }

    /** Returns the expected count of each stream, and of {@value #DEAD_LETTER}, by name. */
    static Map<String, Long> of(List<String> lines) {
        Map<String, Long> counts = new TreeMap<>();
        for (String stream : List.of("quakes.minor", "quakes.moderate", "quakes.major", "quakes.notable",
                "quakes.tsunami", "quakes.notified", "quakes.other-events", "quakes.unclassified", DEAD_LETTER)) {
            counts.put(stream, 0L);
        }
        for (String line : lines) {
            for (String stream : routesOf(line)) {
                counts.merge(stream, 1L, Long::sum);
            }
        }
        return counts;
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
    }

    private static List<String> routesOf(String line) {
        JsonNode feature;
        try {
            feature = MAPPER.readTree(line);
        } catch (IOException e) {
            return List.of(DEAD_LETTER);
        }
        if (!feature.isObject()) {
            return List.of(DEAD_LETTER);
        }
        JsonNode magnitude = feature.at("/properties/mag");
        JsonNode coordinates = feature.at("/geometry/coordinates");
        boolean threeNumbers = coordinates.isArray() && coordinates.size() >= 3
                && coordinates.get(0).isNumber() && coordinates.get(1).isNumber() && coordinates.get(2).isNumber();
        if (!magnitude.isNumber() || !threeNumbers) {
            return List.of(DEAD_LETTER);
        }
        String type = feature.at("/properties/type").asText("");
        if (!type.equals("earthquake")) {
            return type.equals("explosion") || type.equals("quarry blast")
                    ? List.of("quakes.other-events") : List.of("quakes.unclassified");
        }
        double mag = magnitude.asDouble();
        String band = "quakes.major";
        if (mag < 4.0) {
            band = "quakes.minor";
        } else if (mag < 6.0) {
            band = "quakes.moderate";
        }
        boolean tsunami = feature.at("/properties/tsunami").asInt(0) == 1;
        JsonNode alert = feature.at("/properties/alert");
        boolean notable = mag >= 4.5 || tsunami || (!alert.isMissingNode() && !alert.isNull());
        if (!notable) {
            return List.of(band);
        }
        List<String> routes = new ArrayList<>(List.of(band, "quakes.notable"));
        if (tsunami) {
            routes.add("quakes.tsunami");
        }
        // notify fails while the attempt number is at most properties.fail_attempts, which the
        // real feed never sets, so every notable quake of the feed is notified on the first attempt.
        int failAttempts = feature.at("/properties/fail_attempts").asInt(0);
        routes.add(failAttempts >= NOTIFY_ATTEMPTS ? DEAD_LETTER : "quakes.notified");
        return routes;
    }
}
