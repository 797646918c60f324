package io.flume.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFileTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    private List<InputFile.Entry> read(String name, String text) throws IOException {
        Path file = Files.writeString(temp.resolve(name), text, StandardCharsets.UTF_8);
        List<InputFile.Entry> entries = new ArrayList<>();
        new InputFile(file, "id").forEach(entries::add);
        return entries;
    }

    private static JsonNode json(InputFile.Entry entry) throws IOException {
        return MAPPER.readTree(entry.value());
    }

    @Test
    void csvByteOrderMarkIsSkipped() throws IOException {
        List<InputFile.Entry> entries = read("orders.csv", "\uFEFFid,total\nc-1,20\n");

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.key()).isEqualTo("c-1");
            assertThat(json(entry).fieldNames()).toIterable().containsExactly("id", "total");
        });
    }

    @Test
    void jsonLinesByteOrderMarkIsSkipped() throws IOException {
        List<InputFile.Entry> entries = read("orders.jsonl", "\uFEFF{\"id\": \"o-1\"}\n{\"id\": \"o-2\"}\n");

        assertThat(entries).extracting(InputFile.Entry::key).containsExactly("o-1", "o-2");
        assertThat(new String(entries.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\": \"o-1\"}");
    }

    @Test
    void csvCellsAreTyped() throws IOException {
        List<InputFile.Entry> entries = read("types.csv", """
                id,amount,exact,code,flag,note,empty,missing
                c-1,-3.5,12345678901234567890.10,007,true,"30",,
                c-2,1e6,"30",+5,false,"a, b"
                """);

        JsonNode first = json(entries.get(0));
        assertThat(first.get("amount").isNumber()).isTrue();
        assertThat(first.get("amount").decimalValue()).isEqualByComparingTo("-3.5");
        assertThat(new String(entries.get(0).value(), StandardCharsets.UTF_8)).contains("\"exact\":12345678901234567890.10,");
        assertThat(first.get("code").isTextual()).isTrue();
        assertThat(first.get("code").asText()).isEqualTo("007");
        assertThat(first.get("flag").isTextual()).isTrue();
        assertThat(first.get("note").isNumber()).as("a quoted number is still a number").isTrue();
        assertThat(first.get("empty").isNull()).isTrue();
        assertThat(first.get("missing").isNull()).isTrue();

        JsonNode second = json(entries.get(1));
        assertThat(second.get("amount").decimalValue()).isEqualByComparingTo("1000000");
        assertThat(second.get("code").asText()).isEqualTo("+5");
        assertThat(second.get("note").asText()).isEqualTo("a, b");
        assertThat(second.get("missing").isNull()).as("cells missing at the end of a short row").isTrue();
    }

    @Test
    void rowWithExtraCellsIsRejected() throws IOException {
        Path file = Files.writeString(temp.resolve("orders.csv"), """
                id,total,tier
                c-1,20,standard
                c-2,1,200,premium
                """);
        InputFile input = new InputFile(file, "id");
        List<String> handedOn = new ArrayList<>();

        assertThatThrownBy(() -> input.forEach(entry -> handedOn.add(entry.key())))
                .isInstanceOf(InputFileException.class)
                .hasMessage(file + ":3: the row has 4 cells, but the header has 3 columns (id, total, tier); quote"
                        + " the cell that contains a comma, or add a column to the header");
        assertThat(handedOn).containsExactly("c-1");
        assertThatThrownBy(input::check).isInstanceOf(InputFileException.class).hasMessageStartingWith(file + ":3: ");
    }

    @Test
    void unclosedQuoteNamesLineWhereCellStarts() throws IOException {
        Path file = Files.writeString(temp.resolve("notes.csv"), """
                id,note,other
                c-1,"two
                lines","never closed
                more text
                """);

        assertThatThrownBy(() -> new InputFile(file, "id").check())
                .isInstanceOf(InputFileException.class)
                .hasMessage(file + ":3: the quoted cell that starts on this line is not closed before the end of the"
                        + " file; end it with '\"', and write a quote inside a quoted cell as '\"\"'");
    }

    @Test
    void duplicateHeaderColumnIsRejected() throws IOException {
        Path file = Files.writeString(temp.resolve("orders.csv"), "id,total,total\nc-1,1,2\n");

        assertThatThrownBy(() -> new InputFile(file, "id").check())
                .isInstanceOf(InputFileException.class)
                .hasMessage(file + ":1: the header names the column 'total' twice; rename one of them so that no cell"
                        + " overwrites another");
    }

    @Test
    void multilineCellKeepsRowLine() throws IOException {
        List<InputFile.Entry> entries = read("notes.csv", "id,note\nc-1,\"two\nlines\"\nc-2,x\n");

        assertThat(entries).extracting(InputFile.Entry::line).containsExactly(2, 4);
        assertThat(json(entries.get(0)).get("note").asText()).isEqualTo("two\nlines");
    }
}
