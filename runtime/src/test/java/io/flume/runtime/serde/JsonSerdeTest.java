package io.flume.runtime.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSerdeTest {

    private final JsonSerde<ObjectNode> serde = new JsonSerde<>(ObjectNode.class);

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                Arguments.of("{\"a\": }", "Unexpected character ('}' (code 125)): expected a value at line 1, column 7"),
                Arguments.of("{\"id\": 1} extra", "Unrecognized token 'extra': was expecting (JSON String, Number, Array,"
                        + " Object or token 'null', 'true' or 'false') at line 1, column 11"),
                Arguments.of("{\"a\":1", "Unexpected end-of-input: expected close marker for Object (start marker at"
                        + " line 1, column 1) at line 1, column 7"),
                Arguments.of("{\"a\":\n [1, 2", "Unexpected end-of-input: expected close marker for Array (start marker"
                        + " at line 2, column 2) at line 2, column 7"),
                Arguments.of("{\"a\": \"x", "Unexpected end-of-input in VALUE_STRING at line 1, column 9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDocuments")
    void invalidJsonNamesParserMessageAndPosition(String document, String expected) {
        assertThatThrownBy(() -> serde.deserialize("orders", document.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("invalid JSON in topic orders for ObjectNode: " + expected)
                .message().doesNotContain("Source", "REDACTED", "StreamReadFeature");
    }

    @Test
    void documentOfWrongTypeNamesBothTypes() {
        assertThatThrownBy(() -> serde.deserialize("orders", "[1, 2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("expected a JSON value of type ObjectNode in topic orders but found a JSON array");
    }

    @Test
    void validDocumentRoundTrips() {
        ObjectNode value = serde.deserialize("orders", "{\"id\": \"o-1\", \"total\": 20}".getBytes(StandardCharsets.UTF_8));

        assertThat(value.get("id").asText()).isEqualTo("o-1");
        assertThat(new String(serde.serialize("orders", value), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"o-1\",\"total\":20}");
    }
}
