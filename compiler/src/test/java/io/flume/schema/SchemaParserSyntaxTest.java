package io.flume.schema;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaParserSyntaxTest {

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                Arguments.of("bad indentation", """
                        type: sequence
                        children:
                          - ref: a
                         - ref: b
                        """,
                        "<inline>:4:2: invalid YAML: expected <block end>, but found '<block sequence start>'"
                                + " (while parsing a block mapping at line 1)"),
                Arguments.of("unclosed flow list", "type: sequence\nchildren: [a, b\n",
                        "<inline>:3:1: invalid YAML: expected ',' or ']', but got <stream end>"
                                + " (while parsing a flow sequence at line 2)"),
                Arguments.of("unclosed quote", "ref: \"unterminated\n",
                        "<inline>:2:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar at line 1)"),
                Arguments.of("yaml duplicate key", "ref: a\nref: b\n",
                        "<inline>:2:1: duplicate key 'ref' (first at line 1, column 1); remove one of them"),
                Arguments.of("json trailing comma", "{\"type\": \"sequence\",}",
                        "<inline>:1:21: invalid JSON: Unexpected character ('}' (code 125)):"
                                + " was expecting double-quote to start field name"),
                Arguments.of("json duplicate key", "{\"type\": \"sequence\", \"type\": \"race\"}",
                        "<inline>:1:22: duplicate key 'type' (first at line 1, column 2); remove one of them"),
                Arguments.of("json content after the document", "{\"ref\": \"a\"} {}",
                        "<inline>:1:14: unexpected content after the end of the JSON document; a schema file holds one JSON object"),
                Arguments.of("two yaml documents", "ref: a\n---\nref: b\n",
                        "<inline>:2:1: the file contains more than one YAML document (a second one starts here); keep one schema per file"),
                Arguments.of("empty text", "",
                        "<inline>:1:1: the schema is empty; write a root node, such as 'ref: NAME', or 'type: sequence' with 'children'"),
                Arguments.of("only a comment", "# nothing yet\n",
                        "<inline>:1:1: the schema is empty; write a root node, such as 'ref: NAME', or 'type: sequence' with 'children'"),
                Arguments.of("root is a list", "- ref: a\n",
                        "<inline>:1:1: the schema must be a mapping with 'ref', 'type' or 'stream' at the top, got a list"),
                Arguments.of("root is a string", "validate\n",
                        "<inline>:1:1: the schema must be a mapping with 'ref', 'type' or 'stream' at the top, got the string 'validate'"),
                Arguments.of("alias without anchor", "ref: *nope\n",
                        "<inline>:1:6: the alias '*nope' refers to no anchor; define '&nope' before using it"),
                Arguments.of("recursive alias", "a: &a [*a]\nref: x\n",
                        "<inline>:1:8: the alias '*a' refers to a node that contains it; recursive aliases are not allowed"),
                Arguments.of("list as a key", "[a]: b\nref: x\n",
                        "<inline>:1:1: a mapping key must be text, got a list; complex keys are not part of the schema language"),
                Arguments.of("merge of a string", "<<: text\nref: x\n",
                        "<inline>:1:5: the merge key '<<' needs a mapping or a list of mappings, got the string 'text'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDocuments")
    void syntaxErrorsNameTheLine(String description, String text, String message) {
        assertThatThrownBy(() -> SchemaParser.parse(text))
                .isInstanceOf(SchemaParseException.class)
                .hasMessage(message);
    }
}
