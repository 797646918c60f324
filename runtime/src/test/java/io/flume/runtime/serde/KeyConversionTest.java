package io.flume.runtime.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.runtime.config.KeySerde;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class KeyConversionTest {

    private static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

    @Test
    void textParsesToEveryFormat() {
        assertThat(KeyConversion.convert("42", KeySerde.LONG)).isEqualTo(42L);
        assertThat(KeyConversion.convert(" -7 ", KeySerde.INTEGER)).isEqualTo(-7);
        assertThat(KeyConversion.convert(ID.toString(), KeySerde.UUID)).isEqualTo(ID);
        assertThat(KeyConversion.convert("ü", KeySerde.BYTES)).isEqualTo(Bytes.wrap("ü".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyFormatPrintsAsText() {
        assertThat(KeyConversion.convert(42L, KeySerde.STRING)).isEqualTo("42");
        assertThat(KeyConversion.convert(ID, KeySerde.STRING)).isEqualTo(ID.toString());
        assertThat(KeyConversion.convert(Bytes.wrap("ü".getBytes(StandardCharsets.UTF_8)), KeySerde.STRING)).isEqualTo("ü");
    }

    @Test
    void integersWidenAndNarrow() {
        assertThat(KeyConversion.convert(5, KeySerde.LONG)).isEqualTo(5L);
        assertThat(KeyConversion.convert(5L, KeySerde.INTEGER)).isEqualTo(5);
        assertThatThrownBy(() -> KeyConversion.convert(1L << 40, KeySerde.INTEGER))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("1099511627776");
    }

    @Test
    void invalidValuesThrowSerializationException() {
        assertThatThrownBy(() -> KeyConversion.convert("abc", KeySerde.LONG))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'abc' is not a valid long key");
        assertThatThrownBy(() -> KeyConversion.convert(Bytes.wrap(new byte[] {(byte) 0xff}), KeySerde.STRING))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> KeyConversion.convert(ID, KeySerde.LONG))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("UUID has no conversion to long");
    }

    @Test
    void serializerWritesTheConvertedKey() {
        var serializer = KeyConversion.serializer(KeySerde.LONG);

        assertThat(serializer.serialize("t", "258")).containsExactly(0, 0, 0, 0, 0, 0, 1, 2);
        assertThat(serializer.serialize("t", 258L)).containsExactly(0, 0, 0, 0, 0, 0, 1, 2);
        assertThat(serializer.serialize("t", null)).isNull();
    }

    @Test
    void conversionTableMatchesConverter() {
        assertThat(KeySerde.LONG.convertsTo(KeySerde.UUID)).isFalse();
        assertThat(KeySerde.BYTES.convertsTo(KeySerde.LONG)).isFalse();
        assertThat(KeySerde.INTEGER.convertsTo(KeySerde.LONG)).isTrue();
        assertThat(KeySerde.UUID.convertsTo(KeySerde.STRING)).isTrue();
        assertThat(KeySerde.STRING.convertsTo(KeySerde.BYTES)).isTrue();
    }
}
