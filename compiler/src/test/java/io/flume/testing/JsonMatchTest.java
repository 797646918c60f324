package io.flume.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonMatchTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Test
    void integerMatchesEqualDecimal() {
        assertThat(JsonMatch.differences(json("{\"total\": 1500}"), json("{\"total\": 1500.0}"), false)).isEmpty();
        assertThat(JsonMatch.differences(json("{\"total\": 1000.00}"), json("{\"total\": 1000}"), true)).isEmpty();
    }

    @Test
    void differentNumbersDiffer() {
        assertThat(JsonMatch.differences(json("{\"total\": 1500}"), json("{\"total\": 1500.5}"), false))
                .containsExactly("field total expected 1500 but was 1500.5");
    }

    @Test
    void subsetIgnoresOtherFields() {
        assertThat(JsonMatch.differences(json("{\"a\": {\"b\": 1}}"), json("{\"a\": {\"b\": 1, \"c\": 2}, \"d\": 3}"), false))
                .isEmpty();
    }

    @Test
    void exactReportsOtherFieldsAtEveryLevel() {
        assertThat(JsonMatch.differences(json("{\"a\": {\"b\": 1}}"), json("{\"a\": {\"b\": 1, \"c\": 2}, \"d\": 3}"), true))
                .containsExactly("field a.c was not expected but is 2", "field d was not expected but is 3");
    }

    @Test
    void nestedDifferenceNamesFullPath() {
        assertThat(JsonMatch.differences(json("{\"properties\": {\"severity\": \"minor\"}}"),
                json("{\"properties\": {\"severity\": \"light\"}}"), false))
                .containsExactly("field properties.severity expected \"minor\" but was \"light\"");
    }

    @Test
    void arraysMatchElementByElement() {
        assertThat(JsonMatch.differences(json("{\"xs\": [{\"a\": 1}, {\"a\": 2}]}"),
                json("{\"xs\": [{\"a\": 1, \"b\": 0}, {\"a\": 3}]}"), false))
                .containsExactly("field xs[1].a expected 2 but was 3");
    }

    @Test
    void arraysOfDifferentLengthDiffer() {
        assertThat(JsonMatch.differences(json("[1, 2]"), json("[1, 2, 3]"), false))
                .containsExactly("value expected 2 elements but had 3: expected [1,2] but was [1,2,3]");
    }

    @Test
    void expectedNullNeedsPresentNull() {
        assertThat(JsonMatch.differences(json("{\"alert\": null}"), json("{\"alert\": null}"), false)).isEmpty();
        assertThat(JsonMatch.differences(json("{\"alert\": null}"), json("{}"), false))
                .containsExactly("field alert expected null but is missing");
    }

    @Test
    void textDoesNotMatchNumber() {
        assertThat(JsonMatch.differences(json("{\"id\": \"5\"}"), json("{\"id\": 5}"), false))
                .containsExactly("field id expected \"5\" but was 5");
    }

    @Test
    void objectDoesNotMatchText() {
        assertThat(JsonMatch.differences(json("{\"a\": 1}"), json("\"text\""), false))
                .containsExactly("value expected {\"a\":1} but was \"text\"");
    }

    @Test
    void longValuesAreCut() {
        String shown = JsonMatch.show(json("\"" + "x".repeat(500) + "\""));

        assertThat(shown).hasSize(JsonMatch.MAX_SHOWN_CHARS + 1).endsWith("…");
    }
}
