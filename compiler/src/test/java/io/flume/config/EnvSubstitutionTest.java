package io.flume.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {

    private final EnvSubstitution substitution = new EnvSubstitution(Map.of("HOST", "broker-1", "EMPTY", ""));

    @Test
    void replacesSetVariables() {
        assertThat(substitution.substitute("${HOST}:9092")).isEqualTo("broker-1:9092");
        assertThat(substitution.substitute("${EMPTY:-fallback}")).isEqualTo("");
    }

    @Test
    void usesDefaultForUnsetVariable() {
        assertThat(substitution.substitute("${PORT:-9092}")).isEqualTo("9092");
        assertThat(substitution.substitute("${PORT:-}")).isEqualTo("");
        assertThat(substitution.substitute("${URL:-http://a:1/b}")).isEqualTo("http://a:1/b");
    }

    @Test
    void doubleDollarIsLiteral() {
        assertThat(substitution.substitute("$${HOST} costs $$5 or $5")).isEqualTo("${HOST} costs $5 or $5");
    }

    @Test
    void unsetVariableWithoutDefaultFails() {
        assertThatThrownBy(() -> substitution.substitute("x-${PASSWORD}"))
                .hasMessage("environment variable PASSWORD is not set; set it or give a default with ${PASSWORD:-default}");
    }

    @Test
    void malformedReferencesFail() {
        assertThatThrownBy(() -> substitution.substitute("${HOST"))
                .hasMessageContaining("'${' at character 1 has no closing '}'");
        assertThatThrownBy(() -> substitution.substitute("${1BAD}"))
                .hasMessageContaining("'${1BAD}' is not a valid variable reference");
        assertThatThrownBy(() -> substitution.substitute("${}"))
                .hasMessageContaining("'${}' is not a valid variable reference");
    }

    @Test
    void suggestionsFindNearKeys() {
        assertThat(Suggestions.closest("topic", java.util.List.of("topics", "partitions"))).contains("topics");
        assertThat(Suggestions.closest("application_id", java.util.List.of("application-id"))).contains("application-id");
        assertThat(Suggestions.closest("zzz", java.util.List.of("topics", "partitions"))).isEmpty();
    }
}
