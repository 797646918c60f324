package io.flume.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    private static final List<String> TYPES = List.of("sequence", "scaffold", "concurrent", "race", "contest");

    @Test
    void suggestsCloseSpelling() {
        assertThat(DidYouMean.closest("sequense", TYPES)).contains("sequence");
        assertThat(DidYouMean.closest("concurent", TYPES)).contains("concurrent");
        assertThat(DidYouMean.closest("notify", List.of("enrich", "notice", "validate"))).contains("notice");
    }

    @Test
    void countsSwappedLettersAsOneEdit() {
        assertThat(DidYouMean.distance("chidlren", "children")).isEqualTo(1);
        assertThat(DidYouMean.closest("chidlren", List.of("child", "children"))).contains("children");
        assertThat(DidYouMean.closest("rfe", List.of("ref", "type"))).contains("ref");
    }

    @Test
    void ignoresCase() {
        assertThat(DidYouMean.closest("Sequence", TYPES)).contains("sequence");
    }

    @Test
    void suggestsNothingForDistantNames() {
        assertThat(DidYouMean.closest("banana", TYPES)).isEmpty();
        assertThat(DidYouMean.closest("prio", List.of("priority"))).isEmpty();
        assertThat(DidYouMean.closest("x", List.of("y"))).isEmpty();
        assertThat(DidYouMean.closest("", List.of("a"))).isEmpty();
    }

    @Test
    void prefersTheClosestCandidate() {
        assertThat(DidYouMean.closest("raec", List.of("rate", "race"))).contains("race");
    }

    @Test
    void suffixIsEmptyWithoutSuggestion() {
        assertThat(DidYouMean.suffix("sequense", TYPES)).isEqualTo(" (did you mean 'sequence'?)");
        assertThat(DidYouMean.suffix("banana", TYPES)).isEmpty();
    }
}
