package io.flume.examples.earthquakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.examples.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each earthquake component, called through the registry the library creates. */
class EarthquakeComponentsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Flume<ObjectNode> flume = new EarthquakeComponents().create();

    @Test
    void libraryRegistersExactlyTheDocumentedComponents() {
        assertThat(new EarthquakeComponents().name()).isEqualTo("earthquakes");
        assertThat(flume.listProcessors()).containsExactly("enrich", "notify", "validate");
        assertThat(flume.listPredicates()).containsExactly("is-earthquake", "is-notable", "tsunami-warning");
        assertThat(flume.listConditions()).containsExactly("event-type", "severity");
        assertThat(flume.listReducers()).isEmpty();
        assertThat(flume.listErrorHandlers()).isEmpty();
        assertThat(flume.listChannels()).isEmpty();
    }

    @Test
    void conditionsDeclareTheirValues() {
        assertThat(flume.conditionValues("severity"))
                .containsExactly("micro", "minor", "light", "moderate", "strong", "major");
        assertThat(flume.conditionValues("event-type")).containsExactly("earthquake", "explosion", "quarry-blast");
    }

    // validate

    @Test
    void validatePassesCompleteFeatureUnchanged() throws Exception {
        ObjectNode feature = feature("ci1", 2.0, "earthquake", "[-118.6, 34.4, 26.49]");
        ObjectNode before = feature.deepCopy();

        ObjectNode result = validate(feature);

        assertThat(result).isEqualTo(before);
    }

    @Test
    void validateRejectsAbsentMagnitude() {
        ObjectNode feature = json("{\"id\": \"ak1\", \"properties\": {\"type\": \"earthquake\"},"
                + " \"geometry\": {\"coordinates\": [1, 2, 3]}}");

        assertThatThrownBy(() -> validate(feature))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feature ak1: missing magnitude: properties.mag is absent, expected a number such as 4.5");
    }

    @Test
    void validateRejectsNullMagnitude() {
        ObjectNode feature = json("{\"id\": \"ak2\", \"properties\": {\"mag\": null},"
                + " \"geometry\": {\"coordinates\": [1, 2, 3]}}");

        assertThatThrownBy(() -> validate(feature))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature ak2")
                .hasMessageContaining("missing magnitude: properties.mag is null");
    }

    @Test
    void validateRejectsTextMagnitude() {
        ObjectNode feature = json("{\"id\": \"ak3\", \"properties\": {\"mag\": \"4.2\"},"
                + " \"geometry\": {\"coordinates\": [1, 2, 3]}}");

        assertThatThrownBy(() -> validate(feature))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature ak3")
                .hasMessageContaining("missing magnitude: properties.mag is \"4.2\"");
    }

    @Test
    void validateRejectsBooleanMagnitude() {
        ObjectNode feature = json("{\"id\": \"ak4\", \"properties\": {\"mag\": true},"
                + " \"geometry\": {\"coordinates\": [1, 2, 3]}}");

        assertThatThrownBy(() -> validate(feature))
                .hasMessageContaining("missing magnitude: properties.mag is true");
    }

    @Test
    void validateRejectsTwoCoordinates() {
        ObjectNode feature = json("{\"id\": \"nc1\", \"properties\": {\"mag\": 1.5},"
                + " \"geometry\": {\"coordinates\": [-122.8, 38.8]}}");

        assertThatThrownBy(() -> validate(feature))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feature nc1: missing coordinates: geometry.coordinates is [-122.8,38.8],"
                        + " expected three numbers [longitude, latitude, depth in km]");
    }

    @Test
    void validateRejectsTextDepth() {
        ObjectNode feature = json("{\"id\": \"nc2\", \"properties\": {\"mag\": 1.5},"
                + " \"geometry\": {\"coordinates\": [-122.8, 38.8, \"2.1\"]}}");

        assertThatThrownBy(() -> validate(feature))
                .hasMessageContaining("feature nc2")
                .hasMessageContaining("missing coordinates: geometry.coordinates is [-122.8,38.8,\"2.1\"]");
    }

    @Test
    void validateRejectsAbsentGeometry() {
        ObjectNode feature = json("{\"id\": \"nc3\", \"properties\": {\"mag\": 1.5}}");

        assertThatThrownBy(() -> validate(feature))
                .hasMessageContaining("missing coordinates: geometry.coordinates is absent");
    }

    @Test
    void validateRejectsNonArrayCoordinates() {
        ObjectNode feature = json("{\"id\": \"nc4\", \"properties\": {\"mag\": 1.5},"
                + " \"geometry\": {\"coordinates\": \"-122.8,38.8,2.1\"}}");

        assertThatThrownBy(() -> validate(feature))
                .hasMessageContaining("missing coordinates: geometry.coordinates is \"-122.8,38.8,2.1\"");
    }

    @Test
    void validateAcceptsExtraCoordinates() throws Exception {
        ObjectNode feature = feature("nc5", 1.5, "earthquake", "[-122.8, 38.8, 2.1, 0.0]");

        assertThat(validate(feature)).isSameAs(feature);
    }

    @Test
    void validateReportsBothProblemsAtOnce() {
        ObjectNode feature = json("{\"id\": \"x1\"}");

        assertThatThrownBy(() -> validate(feature))
                .hasMessage("feature x1: missing magnitude: properties.mag is absent, expected a number such as 4.5;"
                        + " missing coordinates: geometry.coordinates is absent,"
                        + " expected three numbers [longitude, latitude, depth in km]");
    }

    @Test
    void validateNamesFeatureWithoutId() {
        ObjectNode feature = json("{\"properties\": {}}");

        assertThatThrownBy(() -> validate(feature)).hasMessageStartingWith("feature (no id): missing magnitude");
    }

    @Test
    void validateShortensLongValues() {
        String longText = "x".repeat(500);
        ObjectNode feature = json("{\"id\": \"x2\", \"properties\": {\"mag\": \"" + longText + "\"},"
                + " \"geometry\": {\"coordinates\": [1, 2, 3]}}");

        assertThatThrownBy(() -> validate(feature))
                .hasMessageContaining("missing magnitude")
                .satisfies(error -> assertThat(error.getMessage()).hasSizeLessThan(250));
    }

    // enrich

    @Test
    void enrichSetsDepthAndSeverity() throws Exception {
        ObjectNode feature = feature("us1", 5.6, "earthquake", "[147.218, -6.9339, 74.7]");

        ObjectNode result = enrich(feature);

        assertThat(result.at("/properties/depth_km").doubleValue()).isEqualTo(74.7);
        assertThat(result.at("/properties/severity").asText()).isEqualTo("moderate");
        assertThat(result.at("/properties/mag").doubleValue()).isEqualTo(5.6);
        assertThat(result.at("/geometry/coordinates").size()).isEqualTo(3);
    }

    @Test
    void enrichTurnsIntegerDepthIntoNumber() throws Exception {
        ObjectNode feature = feature("ak1", 4.4, "earthquake", "[-148.3011, 56.2507, 10]");

        ObjectNode result = enrich(feature);

        assertThat(result.at("/properties/depth_km").isNumber()).isTrue();
        assertThat(result.at("/properties/depth_km").doubleValue()).isEqualTo(10.0);
        assertThat(result.at("/properties/severity").asText()).isEqualTo("light");
    }

    @Test
    void enrichKeepsNegativeDepth() throws Exception {
        ObjectNode feature = feature("hv1", 1.9, "earthquake", "[-155.2, 19.4, -1.2]");

        assertThat(enrich(feature).at("/properties/depth_km").doubleValue()).isEqualTo(-1.2);
    }

    @Test
    void enrichRejectsFeatureWithoutMagnitude() {
        ObjectNode feature = json("{\"id\": \"ak9\", \"properties\": {}, \"geometry\": {\"coordinates\": [1, 2, 3]}}");

        assertThatThrownBy(() -> enrich(feature))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature ak9: missing magnitude");
        assertThat(feature.at("/properties/severity").isMissingNode()).isTrue();
    }

    @ParameterizedTest(name = "magnitude {0} is {1}")
    @CsvSource({
        "-0.8, micro",
        "0, micro",
        "2.49, micro",
        "2.5, minor",
        "3.99, minor",
        "4.0, light",
        "4.5, light",
        "4.99, light",
        "5.0, moderate",
        "5.99, moderate",
        "6.0, strong",
        "6.99, strong",
        "7.0, major",
        "9.1, major",
    })
    void enrichClassifiesSeverityFromLowerBound(double magnitude, String severity) throws Exception {
        ObjectNode feature = feature("b", magnitude, "earthquake", "[0, 0, 5]");

        assertThat(enrich(feature).at("/properties/severity").asText()).isEqualTo(severity);
    }

    // predicates

    @Test
    void isEarthquakeMatchesOnlyTheExactType() throws Exception {
        assertThat(predicate("is-earthquake", feature("a", 1.0, "earthquake", "[0, 0, 1]"))).isTrue();
        assertThat(predicate("is-earthquake", feature("a", 1.0, "explosion", "[0, 0, 1]"))).isFalse();
        assertThat(predicate("is-earthquake", feature("a", 1.0, "quarry blast", "[0, 0, 1]"))).isFalse();
        assertThat(predicate("is-earthquake", feature("a", 1.0, "Earthquake", "[0, 0, 1]"))).isFalse();
        assertThat(predicate("is-earthquake", json("{\"properties\": {\"mag\": 1.0}}"))).isFalse();
    }

    @Test
    void isNotableFromMagnitude4point5() throws Exception {
        assertThat(predicate("is-notable", quake(4.49, 0, null))).isFalse();
        assertThat(predicate("is-notable", quake(4.5, 0, null))).isTrue();
        assertThat(predicate("is-notable", quake(6.4, 0, null))).isTrue();
    }

    @Test
    void isNotableForTsunamiFlagAtAnyMagnitude() throws Exception {
        assertThat(predicate("is-notable", quake(2.0, 1, null))).isTrue();
        assertThat(predicate("is-notable", quake(2.0, 0, null))).isFalse();
    }

    @Test
    void isNotableForAnyAlertLevel() throws Exception {
        assertThat(predicate("is-notable", quake(3.7, 0, "green"))).isTrue();
        assertThat(predicate("is-notable", quake(3.7, 0, "red"))).isTrue();
    }

    @Test
    void isNotableIgnoresAbsentAlertAndMagnitude() throws Exception {
        ObjectNode noAlert = json("{\"properties\": {\"mag\": 3.0, \"tsunami\": 0}}");
        ObjectNode noMagnitude = json("{\"properties\": {\"tsunami\": 0, \"alert\": null}}");

        assertThat(predicate("is-notable", noAlert)).isFalse();
        assertThat(predicate("is-notable", noMagnitude)).isFalse();
    }

    @Test
    void tsunamiWarningOnlyForNumberOne() throws Exception {
        assertThat(predicate("tsunami-warning", quake(4.4, 1, null))).isTrue();
        assertThat(predicate("tsunami-warning", json("{\"properties\": {\"tsunami\": 1.0}}"))).isTrue();
        assertThat(predicate("tsunami-warning", quake(4.4, 0, null))).isFalse();
        assertThat(predicate("tsunami-warning", json("{\"properties\": {\"tsunami\": \"1\"}}"))).isFalse();
        assertThat(predicate("tsunami-warning", json("{\"properties\": {}}"))).isFalse();
    }

    // conditions

    @Test
    void severityReturnsEnrichedSeverity() throws Exception {
        ObjectNode feature = enrich(feature("s1", 6.1, "earthquake", "[0, 0, 10]"));

        assertThat(condition("severity", feature)).isEqualTo("strong");
    }

    @Test
    void severityFailsBeforeEnrich() {
        ObjectNode feature = feature("s2", 6.1, "earthquake", "[0, 0, 10]");

        assertThatThrownBy(() -> condition("severity", feature))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("feature s2: properties.severity is absent;"
                        + " run the enrich processor before switching on severity");
    }

    @Test
    void eventTypeReplacesSpacesWithDashes() throws Exception {
        assertThat(condition("event-type", feature("e", 1.7, "quarry blast", "[0, 0, 0.3]"))).isEqualTo("quarry-blast");
        assertThat(condition("event-type", feature("e", 2.1, "explosion", "[0, 0, 1]"))).isEqualTo("explosion");
        assertThat(condition("event-type", feature("e", 2.1, "earthquake", "[0, 0, 1]"))).isEqualTo("earthquake");
        assertThat(condition("event-type", feature("e", 0.9, "ice quake", "[0, 0, 0]"))).isEqualTo("ice-quake");
    }

    @Test
    void eventTypeIsUnknownWithoutType() throws Exception {
        assertThat(condition("event-type", json("{\"properties\": {\"mag\": 1.0}}"))).isEqualTo("unknown");
        assertThat(condition("event-type", json("{\"properties\": {\"type\": null}}"))).isEqualTo("unknown");
    }

    // the real feed

    @Test
    void realFeedValidatesAndEnriches() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("earthquakes", "data", "earthquakes-usgs-week.jsonl"));
        int earthquakes = 0;

        for (String line : lines) {
            ObjectNode feature = json(line);
            String rawType = feature.at("/properties/type").asText();

            ObjectNode enriched = enrich(validate(feature));

            assertThat(EarthquakeComponents.SEVERITIES).contains(enriched.at("/properties/severity").asText());
            assertThat(enriched.at("/properties/depth_km").isNumber()).isTrue();
            if (predicate("is-earthquake", enriched)) {
                earthquakes++;
            }
            assertThat(predicate("is-earthquake", enriched)).isEqualTo(rawType.equals("earthquake"));
        }

        assertThat(lines).hasSize(1707);
        assertThat(earthquakes).isEqualTo(1679);
    }

    // helpers

    private ObjectNode validate(ObjectNode feature) throws Exception {
        return flume.getProcessor("validate").orElseThrow().implementation().process(new TestContext(), feature);
    }

    private ObjectNode enrich(ObjectNode feature) throws Exception {
        return flume.getProcessor("enrich").orElseThrow().implementation().process(new TestContext(), feature);
    }

    private boolean predicate(String name, ObjectNode feature) throws Exception {
        return flume.getPredicate(name).orElseThrow().implementation().test(feature);
    }

    private String condition(String name, ObjectNode feature) throws Exception {
        return flume.getCondition(name).orElseThrow().implementation().evaluate(feature);
    }

    @Test
    void notifyFailsUntilAttemptPassesFailAttempts() {
        ObjectNode quake = json("{\"id\": \"us1\", \"properties\": {\"fail_attempts\": 1}}");

        assertThatThrownBy(() -> EarthquakeComponents.notify(1, quake.deepCopy()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("notification service unavailable for feature us1 (attempt 1 of the 1 that fail)");
        assertThat(EarthquakeComponents.notify(2, quake.deepCopy()).at("/properties/notified").asBoolean()).isTrue();
    }

    @Test
    void notifySucceedsAtOnceWithoutFailAttempts() {
        assertThat(EarthquakeComponents.notify(1, json("{\"id\": \"us2\", \"properties\": {}}"))
                .at("/properties/notified").asBoolean()).isTrue();
    }

    private static ObjectNode feature(String id, double magnitude, String type, String coordinates) {
        return json("{\"type\": \"Feature\", \"id\": \"" + id + "\", \"properties\": {\"mag\": " + magnitude
                + ", \"type\": \"" + type + "\", \"tsunami\": 0, \"alert\": null},"
                + " \"geometry\": {\"type\": \"Point\", \"coordinates\": " + coordinates + "}}");
    }

    private static ObjectNode quake(double magnitude, int tsunami, String alert) {
        ObjectNode feature = feature("q", magnitude, "earthquake", "[0, 0, 10]");
        ObjectNode properties = (ObjectNode) feature.get("properties");
        properties.put("tsunami", tsunami);
        properties.put("alert", alert);
        return feature;
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON in test: " + text, e);
        }
    }
}
