package io.flume.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.runtime.config.KeySerde;
import io.flume.runtime.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void numericKeyBecomesStringForStringSerde() {
        RecordCodec<ObjectNode> codec = new RecordCodec<>(ObjectNode.class, new JsonSerde<>(ObjectNode.class), KeySerde.STRING);

        assertThat(codec.toKey(NODES.numberNode(30001))).isEqualTo("30001");
    }

    @Test
    void textKeyBecomesLongForLongSerde() {
        RecordCodec<ObjectNode> codec = new RecordCodec<>(ObjectNode.class, new JsonSerde<>(ObjectNode.class), KeySerde.LONG);

        assertThat(codec.toKey(NODES.textNode("42"))).isEqualTo(42L);
        assertThat(codec.toKey(NODES.numberNode(43))).isEqualTo(43L);
        assertThatThrownBy(() -> codec.toKey(NODES.textNode("forty")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key \"forty\" is not a valid long key, which the source's key-serde requires");
    }

    @Test
    void keysMatchAsTextOrByNumber() {
        assertThat(RecordCodec.keysMatch(NODES.numberNode(5), NODES.textNode("5"))).isTrue();
        assertThat(RecordCodec.keysMatch(NODES.numberNode(5), NODES.numberNode(5L))).isTrue();
        assertThat(RecordCodec.keysMatch(NODES.textNode("a"), NODES.textNode("b"))).isFalse();
        assertThat(RecordCodec.keysMatch(NODES.nullNode(), NODES.textNode("null"))).isFalse();
    }

    @Test
    void valueTypeMismatchNamesType() {
        RecordCodec<ObjectNode> codec = new RecordCodec<>(ObjectNode.class, new JsonSerde<>(ObjectNode.class), KeySerde.STRING);

        assertThatThrownBy(() -> codec.toValue(NODES.arrayNode().add(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the value does not convert to com.fasterxml.jackson.databind.node.ObjectNode "
                        + "through the pipeline's value serde:");
    }

    @Test
    void stringValuesStayText() {
        RecordCodec<String> codec = new RecordCodec<>(String.class, Serdes.String(), KeySerde.STRING);

        assertThat(codec.toValue(NODES.textNode("hello"))).isEqualTo("hello");
        assertThat(codec.toJson("123")).isEqualTo(NODES.textNode("123"));
    }

    @Test
    void bytesThatAreNotJsonReadAsText() {
        RecordCodec<ObjectNode> codec = new RecordCodec<>(ObjectNode.class, new JsonSerde<>(ObjectNode.class), KeySerde.STRING);

        assertThat(codec.bytesToJson("not json{".getBytes(StandardCharsets.UTF_8))).isEqualTo(NODES.textNode("not json{"));
        assertThat(codec.bytesToJson("{\"a\":1}".getBytes(StandardCharsets.UTF_8)).get("a").asInt()).isEqualTo(1);
    }
}
