package io.flume.examples.earthquakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.ComponentLibrary;
import io.flume.Flume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Components of the earthquake alerting example, which routes the USGS earthquake feed.
 *
 * <p>Each record's value is one GeoJSON {@code Feature} of the feed, keyed by its {@code id}:
 * {@code properties.mag} is the magnitude, {@code properties.type} the event type
 * ({@code earthquake}, {@code explosion}, {@code quarry blast}, …), {@code properties.tsunami} 1
 * when a tsunami is possible, {@code properties.alert} the PAGER alert level or null, and
 * {@code geometry.coordinates} is {@code [longitude, latitude, depth in km]}.
 *
 * <table>
 *   <caption>Registered components</caption>
 *   <tr><th>kind</th><th>name</th><th>does</th></tr>
 *   <tr><td>processor</td><td>{@code validate}</td><td>fails a feature without a numeric magnitude
 *       or without three numeric coordinates</td></tr>
 *   <tr><td>processor</td><td>{@code enrich}</td><td>sets {@code properties.depth_km} and
 *       {@code properties.severity}</td></tr>
 *   <tr><td>predicate</td><td>{@code is-earthquake}</td><td>{@code properties.type} is
 *       {@code earthquake}</td></tr>
 *   <tr><td>predicate</td><td>{@code is-notable}</td><td>magnitude at least 4.5, a tsunami flag
 *       or an alert level</td></tr>
 *   <tr><td>predicate</td><td>{@code tsunami-warning}</td><td>{@code properties.tsunami} is 1</td></tr>
 *   <tr><td>condition</td><td>{@code severity}</td><td>{@code properties.severity}</td></tr>
 *   <tr><td>condition</td><td>{@code event-type}</td><td>{@code properties.type} with spaces
 *       replaced by {@code -}</td></tr>
 * </table>
 */
public final class EarthquakeComponents implements ComponentLibrary {

    /** The library's short name, for {@code components:} in configs and test files. */
    public static final String NAME = "earthquakes";

    /** The values of the {@code severity} condition, from the weakest to the strongest. */
    public static final List<String> SEVERITIES = List.of("micro", "minor", "light", "moderate", "strong", "major");

    /** The values of the {@code event-type} condition that the example's schema routes. */
    public static final List<String> EVENT_TYPES = List.of("earthquake", "explosion", "quarry-blast");

    /** The value of {@code event-type} for a feature without {@code properties.type}. */
    public static final String UNKNOWN_EVENT_TYPE = "unknown";

    /** The magnitude from which an earthquake is notable whatever its other properties. */
    public static final double NOTABLE_MAGNITUDE = 4.5;

    private static final int MAX_SHOWN_VALUE_LENGTH = 120;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Validates, enriches and routes USGS earthquake GeoJSON features by severity and event type";
    }

    @Override
    public Flume<ObjectNode> create() {
        return Flume.builder(ObjectNode.class)
                .processor("validate",
                        "Fails a feature without a numeric properties.mag or three numeric geometry.coordinates",
                        (context, feature) -> validate(feature))
                .processor("enrich",
                        "Sets properties.depth_km from the third coordinate and properties.severity from the magnitude",
                        (context, feature) -> enrich(feature))
                .processor("notify",
                        "Fails while the attempt number is at most properties.fail_attempts, then sets properties.notified",
                        (context, feature) -> notify(context.attempt(), feature))
                .predicate("is-earthquake", "properties.type is earthquake",
                        EarthquakeComponents::isEarthquake)
                .predicate("is-notable", "Magnitude at least 4.5, tsunami is 1, or alert is set",
                        EarthquakeComponents::isNotable)
                .predicate("tsunami-warning", "properties.tsunami is 1",
                        EarthquakeComponents::hasTsunamiWarning)
                .condition("severity", "properties.severity, as set by enrich", SEVERITIES,
                        EarthquakeComponents::severity)
                .condition("event-type", "properties.type with spaces replaced by '-'", EVENT_TYPES,
                        EarthquakeComponents::eventType)
                .build();
    }

    /**
     * Sends an alert through a notification service that fails the first
     * {@code properties.fail_attempts} tries (an integer, 0 when absent), so that examples and
     * tests can show retries: attempt number {@code attempt} fails while it is at most that
     * number, and otherwise sets {@code properties.notified} to true.
     *
     * @throws IllegalStateException when the notification service still fails at this attempt
     */
    public static ObjectNode notify(int attempt, ObjectNode feature) {
        int failAttempts = feature.at("/properties/fail_attempts").asInt(0);
        if (attempt <= failAttempts) {
            throw new IllegalStateException("notification service unavailable for feature " + feature.path("id").asText()
                    + " (attempt " + attempt + " of the " + failAttempts + " that fail)");
        }
        feature.withObjectProperty("properties").put("notified", true);
        return feature;
    }

    /**
     * Checks that a feature has a numeric magnitude and three numeric coordinates, and returns it
     * unchanged.
     *
     * @throws IllegalArgumentException naming the feature id and every wrong value found:
     *     {@code missing magnitude} when {@code properties.mag} is absent, null or not a number,
     *     {@code missing coordinates} when the first three elements of
     *     {@code geometry.coordinates} are not all numbers
     */
    public static ObjectNode validate(ObjectNode feature) {
        List<String> problems = new ArrayList<>();
        magnitudeProblem(feature).ifPresent(problems::add);
        coordinatesProblem(feature).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("feature " + featureId(feature) + ": " + String.join("; ", problems));
        }
        return feature;
    }

    /**
     * Sets {@code properties.depth_km} to the third coordinate and {@code properties.severity}
     * to the magnitude's {@linkplain #severityOf severity}. Changes the feature in place.
     *
     * @throws IllegalArgumentException as {@link #validate} does, when the magnitude or the
     *     coordinates are missing
     */
    public static ObjectNode enrich(ObjectNode feature) {
        validate(feature);
        ObjectNode properties = (ObjectNode) feature.get("properties");
        properties.put("depth_km", coordinates(feature).get(2).asDouble());
        properties.put("severity", severityOf(magnitude(feature).asDouble()));
        return feature;
    }

    /**
     * Returns the severity class of a magnitude: below 2.5 {@code micro}, below 4.0
     * {@code minor}, below 5.0 {@code light}, below 6.0 {@code moderate}, below 7.0
     * {@code strong}, and {@code major} from 7.0 up. Each class includes its lower bound.
     */
    public static String severityOf(double magnitude) {
        if (magnitude < 2.5) {
            return "micro";
        }
        if (magnitude < 4.0) {
            return "minor";
        }
        if (magnitude < 5.0) {
            return "light";
        }
        if (magnitude < 6.0) {
            return "moderate";
        }
        if (magnitude < 7.0) {
            return "strong";
        }
        return "major";
    }

    /** Tests whether {@code properties.type} is exactly {@code earthquake}. */
    public static boolean isEarthquake(ObjectNode feature) {
        JsonNode type = feature.path("properties").path("type");
        return type.isTextual() && type.asText().equals("earthquake");
    }

    /**
     * Tests whether an event deserves attention: a magnitude of at least 4.5, a tsunami flag of
     * 1, or any non-null {@code properties.alert} (the USGS PAGER level: green, yellow, orange or
     * red). A missing or non-numeric magnitude counts as below 4.5.
     */
    public static boolean isNotable(ObjectNode feature) {
        JsonNode magnitude = magnitude(feature);
        JsonNode alert = feature.path("properties").path("alert");
        boolean strongEnough = magnitude.isNumber() && magnitude.asDouble() >= NOTABLE_MAGNITUDE;
        boolean alerted = !alert.isMissingNode() && !alert.isNull();
        return strongEnough || hasTsunamiWarning(feature) || alerted;
    }

    /** Tests whether {@code properties.tsunami} is the number 1. */
    public static boolean hasTsunamiWarning(ObjectNode feature) {
        JsonNode tsunami = feature.path("properties").path("tsunami");
        return tsunami.isNumber() && tsunami.asDouble() == 1.0;
    }

    /**
     * Returns {@code properties.severity}.
     *
     * @throws IllegalStateException when the feature has no severity, which means that the
     *     {@code enrich} processor did not run before the switch
     */
    public static String severity(ObjectNode feature) {
        JsonNode severity = feature.path("properties").path("severity");
        if (!severity.isTextual()) {
            throw new IllegalStateException("feature " + featureId(feature) + ": properties.severity is "
                    + describe(severity) + "; run the enrich processor before switching on severity");
        }
        return severity.asText();
    }

    /**
     * Returns {@code properties.type} with every space replaced by {@code -}, such as
     * {@code quarry-blast}, or {@value #UNKNOWN_EVENT_TYPE} when the type is absent or null.
     */
    public static String eventType(ObjectNode feature) {
        JsonNode type = feature.path("properties").path("type");
        if (type.isMissingNode() || type.isNull()) {
            return UNKNOWN_EVENT_TYPE;
        }
        return type.asText().replace(' ', '-');
    }

    private static Optional<String> magnitudeProblem(ObjectNode feature) {
        JsonNode magnitude = magnitude(feature);
        if (magnitude.isNumber()) {
            return Optional.empty();
        }
        return Optional.of("missing magnitude: properties.mag is " + describe(magnitude)
                + ", expected a number such as 4.5");
    }

    private static Optional<String> coordinatesProblem(ObjectNode feature) {
        JsonNode coordinates = coordinates(feature);
        boolean complete = coordinates.isArray() && coordinates.size() >= 3
                && coordinates.get(0).isNumber() && coordinates.get(1).isNumber() && coordinates.get(2).isNumber();
        if (complete) {
            return Optional.empty();
        }
        return Optional.of("missing coordinates: geometry.coordinates is " + describe(coordinates)
                + ", expected three numbers [longitude, latitude, depth in km]");
    }

    private static JsonNode magnitude(ObjectNode feature) {
        return feature.path("properties").path("mag");
    }

    private static JsonNode coordinates(ObjectNode feature) {
        return feature.path("geometry").path("coordinates");
    }

    /** Returns the feature's {@code id} for messages, or {@code (no id)}. */
    static String featureId(ObjectNode feature) {
        JsonNode id = feature.path("id");
        if (id.isMissingNode() || id.isNull()) {
            return "(no id)";
        }
        return id.isTextual() ? id.asText() : id.toString();
    }

    /** Describes a found value for messages: {@code absent}, {@code null} or its JSON text, shortened. */
    static String describe(JsonNode value) {
        if (value.isMissingNode()) {
            return "absent";
        }
        String json = value.toString();
        if (json.length() > MAX_SHOWN_VALUE_LENGTH) {
            return json.substring(0, MAX_SHOWN_VALUE_LENGTH) + "…";
        }
        return json;
    }
}
