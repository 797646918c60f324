package io.flume.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaParserSafetyTest {

    private static final String TOO_MANY_ALIASES = "the schema expands more than the limit of 50 alias references"
            + " (counting aliases repeated by enclosing aliases); use fewer aliases, or raise the limit with"
            + " ParserLimits.withMaxAliases if the schema is trusted";
    private static final String TOO_DEEP = "the schema nests mappings and lists deeper than the limit of 64 levels;"
            + " flatten it, or raise the limit with ParserLimits.withMaxNestingDepth if it must be this deep";
    private static final String ALLOWED_TAGS = "a schema may use only the standard tags !!str, !!int, !!float,"
            + " !!bool, !!null, !!map and !!seq, so remove it";

    /** Nine levels of nine aliases each: 9^9 references once expanded. */
    private static final String BILLION_LAUGHS = """
            a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
            g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
            h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
            i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
            ref: validate
            """;

    @Test
    void billionLaughsStopsAtTheAliasLimit() {
        assertThatThrownBy(() -> SchemaParser.parse(BILLION_LAUGHS))
                .isInstanceOf(SchemaParseException.class)
                .hasMessage("<inline>:3:24: " + TOO_MANY_ALIASES);
    }

    @Test
    void nestedAliasesCountEveryExpansion() {
        // Only 40 alias references are written, under the limit of 50, but they expand to 2^20.
        StringBuilder yaml = new StringBuilder("l0: &l0 [x]\n");
        for (int level = 1; level <= 20; level++) {
            yaml.append("l").append(level).append(": &l").append(level)
                    .append(" [*l").append(level - 1).append(", *l").append(level - 1).append("]\n");
        }
        yaml.append("ref: validate\n");

        assertThatThrownBy(() -> SchemaParser.parse(yaml.toString()))
                .isInstanceOf(SchemaParseException.class)
                .hasMessage("<inline>:5:15: " + TOO_MANY_ALIASES);
    }

    @Test
    void raisedAliasLimitAcceptsTheSameAliases() {
        String yaml = """
                l0: &l0 [x]
                l1: &l1 [*l0, *l0]
                l2: &l2 [*l1, *l1]
                l3: &l3 [*l2, *l2]
                l4: &l4 [*l3, *l3]
                ref: validate
                """;
        SchemaParser parser = new SchemaParser(ParserLimits.defaults().withMaxAliases(100));

        Schema schema = parser.read(yaml, "<inline>");

        assertThat(schema.root().ref()).isEqualTo("validate");
        assertThat(schema.root().unknownFields()).containsOnlyKeys("l0", "l1", "l2", "l3", "l4");
    }

    @Test
    void yamlNestedTooDeepNamesTheLine() {
        StringBuilder yaml = new StringBuilder();
        for (int level = 0; level < 65; level++) {
            String indent = "  ".repeat(level);
            yaml.append(indent).append("type: retry\n").append(indent).append("child:\n");
        }
        yaml.append("  ".repeat(65)).append("ref: charge\n");

        assertThatThrownBy(() -> SchemaParser.parse(yaml.toString()))
                .isInstanceOf(SchemaParseException.class)
                .hasMessage("<inline>:129:129: " + TOO_DEEP);
    }

    @Test
    void flowNestingCountsEveryList() {
        String atLimit = "ref: " + "[".repeat(63) + "]".repeat(63);
        String overLimit = "ref: " + "[".repeat(64) + "]".repeat(64);

        assertThat(SchemaParser.parse(atLimit).root().problems()).isNotEmpty();
        assertThatThrownBy(() -> SchemaParser.parse(overLimit))
                .isInstanceOf(SchemaParseException.class)
                .hasMessage("<inline>:1:69: " + TOO_DEEP);
    }

    @Test
    void aliasToDeepValueCountsItsDepth() {
        String deep = "[".repeat(40) + "]".repeat(40);
        String yaml = "a: &deep " + deep + "\nb: " + "[".repeat(30) + "*deep" + "]".repeat(30) + "\nref: x\n";

        assertThatThrownBy(() -> SchemaParser.parse(yaml))
                .isInstanceOf(SchemaParseException.class)
                .hasMessage("<inline>:2:34: " + TOO_DEEP);
    }

    @Test
    void jsonNestedTooDeepNamesTheColumn() {
        String json = "{\"child\":".repeat(65) + "null" + "}".repeat(65);

        assertThatThrownBy(() -> SchemaParser.parse(json))
                .isInstanceOf(SchemaParseException.class)
                .hasMessage("<inline>:1:577: " + TOO_DEEP);
    }

    @Test
    void raisedDepthLimitAcceptsDeepSchemas() {
        String json = "{\"child\":".repeat(65) + "null" + "}".repeat(65);
        SchemaParser parser = new SchemaParser(ParserLimits.defaults().withMaxNestingDepth(100));

        assertThat(parser.read(json, "deep.json").root().has("child")).isTrue();
    }

    @Test
    void oversizedDocumentNamesFirstByteOver() {
        String yaml = "ref: a\n# " + "x".repeat(ParserLimits.DEFAULT_MAX_DOCUMENT_BYTES);

        assertThatThrownBy(() -> SchemaParser.parse(yaml))
                .isInstanceOf(SchemaParseException.class)
                .hasMessage("<inline>:2:1048570: the schema exceeds the limit of 1048576 bytes at this position;"
                        + " split it, or raise the limit with ParserLimits.withMaxDocumentBytes if it must be this large");
    }

    @Test
    void sizeLimitCountsBytesNotCharacters() {
        SchemaParser parser = new SchemaParser(ParserLimits.defaults().withMaxDocumentBytes(12));

        assertThat(parser.read("ref: \u00e9\u00e9\u00e9", "<inline>").root().ref()).isEqualTo("\u00e9\u00e9\u00e9");
        assertThatThrownBy(() -> parser.read("ref: \u00e9\u00e9\u00e9\u00e9", "<inline>"))
                .isInstanceOf(SchemaParseException.class)
                .hasMessageStartingWith("<inline>:1:");
    }

    @Test
    void fileOverSizeLimitIsNotReadWhole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, "ref: validate\nname: something-long\n");
        SchemaParser parser = new SchemaParser(ParserLimits.defaults().withMaxDocumentBytes(20));

        assertThatThrownBy(() -> parser.read(file))
                .isInstanceOf(SchemaParseException.class)
                .hasMessage(file + ":2:7: the schema exceeds the limit of 20 bytes at this position;"
                        + " split it, or raise the limit with ParserLimits.withMaxDocumentBytes if it must be this large");
        assertThat(new SchemaParser(ParserLimits.defaults()).read(file).root().name()).isEqualTo("something-long");
    }

    @Test
    void fileThatIsNotUtf8NamesTheByte(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'r', 'e', 'f', ':', ' ', 'a', '\n', 'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> SchemaParser.parse(file))
                .isInstanceOf(SchemaParseException.class)
                .hasMessage(file + ":2:7: the file is not valid UTF-8 (byte 14 is malformed); save it as UTF-8");
    }

    static Stream<Arguments> forbiddenTags() {
        return Stream.of(
                Arguments.of("ref: !!java.lang.Object []\n", "<inline>:1:6: the tag '!!java.lang.Object' is not allowed; "),
                Arguments.of("""
                        type: sequence
                        children:
                          - !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://127.0.0.1/"]]]]
                        """, "<inline>:3:5: the tag '!!javax.script.ScriptEngineManager' is not allowed; "),
                Arguments.of("type: sequence\nchildren: !!java.util.ArrayList [{ref: a}]\n",
                        "<inline>:2:11: the tag '!!java.util.ArrayList' is not allowed; "),
                Arguments.of("ref: !custom validate\n", "<inline>:1:6: the tag '!custom' is not allowed; "),
                Arguments.of("ref: !<tag:example.com,2024:thing> validate\n",
                        "<inline>:1:6: the tag 'tag:example.com,2024:thing' is not allowed; "),
                Arguments.of("ref: !!binary aGVsbG8=\n", "<inline>:1:6: the tag '!!binary' is not allowed; "),
                Arguments.of("ref: !!timestamp 2001-12-14\n", "<inline>:1:6: the tag '!!timestamp' is not allowed; "),
                Arguments.of("!!set {ref: a}\n", "<inline>:1:1: the tag '!!set' is not allowed; "),
                Arguments.of("ref: !!map {a: b}\nname: !!seq x\n", "<inline>:2:7: the tag '!!seq' is not allowed; "));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("forbiddenTags")
    void typeConstructingTagsAreRejected(String yaml, String messageStart) {
        assertThatThrownBy(() -> SchemaParser.parse(yaml))
                .isInstanceOf(SchemaParseException.class)
                .hasMessage(messageStart + ALLOWED_TAGS);
    }

    @Test
    void standardTagsAreAllowed() {
        Schema schema = SchemaParser.parse("""
                type: !!str retry
                attempts: !!int "4"
                name: !!str 42
                child: !!map {ref: ! 7}
                """);

        assertThat(schema.root().type()).isEqualTo(NodeType.RETRY);
        assertThat(schema.root().attempts()).isEqualTo(4);
        assertThat(schema.root().name()).isEqualTo("42");
        assertThat(schema.root().child().ref()).isEqualTo("7");
    }

    @Test
    void limitsRejectNonsense() {
        assertThatThrownBy(() -> ParserLimits.defaults().withMaxDocumentBytes(0))
                .hasMessage("maxDocumentBytes must be between 1 and 2147483631, got 0");
        assertThatThrownBy(() -> ParserLimits.defaults().withMaxNestingDepth(0))
                .hasMessage("maxNestingDepth must be at least 1, got 0");
        assertThatThrownBy(() -> ParserLimits.defaults().withMaxAliases(-1))
                .hasMessage("maxAliases must be 0 or more, got -1");
        assertThat(ParserLimits.defaults()).isEqualTo(new ParserLimits(1024 * 1024, 64, 50));
    }
}
