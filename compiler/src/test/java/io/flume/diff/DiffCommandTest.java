package io.flume.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.flume.cli.FlumeCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code flume diff OLD NEW}: the verdict and its exit code for pairs of schemas. */
class DiffCommandTest {

    private static final String RETRY = """
            type: sequence
            children:
              - ref: parse
              - type: retry
                name: deliver
                attempts: %d
                backoff: %s
                child: { ref: send }
              - type: filter
                name: big-only
                predicate: %s
                then: { stream: alerts }
            """;

    private static String retry(int attempts, String backoff, String predicate) {
        return RETRY.formatted(attempts, backoff, predicate);
    }

    static Stream<Arguments> pairs() {
        String base = retry(3, "1s", "is-big");
        return Stream.of(
                Arguments.of("same schema", base, base, 0, "Verdict: no difference"),
                Arguments.of("other predicate of a named filter", base, retry(3, "1s", "is-huge"), 0, "(live)"),
                Arguments.of("other attempts and backoff", base, retry(5, "250ms", "is-big"), 0, "attempts 3 -> 5 (live)"),
                Arguments.of("a stream added", base, base + "    else: { stream: small }\n", 1, "+ stream small"),
                Arguments.of("a ref added before the retry", base, base.replace("  - ref: parse\n", "  - ref: parse\n  - ref: enrich\n"),
                        1, "+ node root.children[1]"),
                Arguments.of("the retry renamed", base, base.replace("name: deliver", "name: deliver-v2"), 3,
                        "- store deliver.retry-store"),
                Arguments.of("the retry removed", base, """
                        type: sequence
                        children:
                          - ref: parse
                          - ref: send
                        """, 3, "- topic flume.deliver.retry"));
    }

    @ParameterizedTest(name = "{0}: exit {3}")
    @MethodSource("pairs")
    void exitCodeFollowsTheVerdict(String title, String before, String after, int exitCode, String expected,
                                   @TempDir Path folder) throws IOException {
        Path old = Files.writeString(folder.resolve("old.yaml"), before);
        Path next = Files.writeString(folder.resolve("new.yaml"), after);

        Result result = diff(old.toString(), next.toString());

        assertThat(result.out()).contains(expected);
        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(exitCode);
    }

    @Test
    void reportsEveryDroppedStoreAndTopic(@TempDir Path folder) throws IOException {
        Path old = Files.writeString(folder.resolve("old.yaml"), retry(3, "1s", "is-big"));
        Path next = Files.writeString(folder.resolve("new.yaml"), retry(3, "1s", "is-big").replace("name: deliver", "name: send-v2"));

        Result result = diff(old.toString(), next.toString());

        assertThat(result.out()).contains(
                "- store deliver.retry-store",
                "+ store send-v2.retry-store",
                "- topic flume-deliver.retry-store-changelog",
                "- topic flume.deliver.retry",
                "Verdict: would drop state");
    }

    @Test
    void invalidSchemaExitsWithTwo(@TempDir Path folder) throws IOException {
        Path old = Files.writeString(folder.resolve("old.yaml"), retry(3, "1s", "is-big"));
        Path next = Files.writeString(folder.resolve("new.yaml"), "type: retry\nattempts: 0\n");

        Result result = diff(old.toString(), next.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("new.yaml");
    }

    @Test
    void missingFileExitsWithTwo(@TempDir Path folder) throws IOException {
        Path old = Files.writeString(folder.resolve("old.yaml"), retry(3, "1s", "is-big"));

        assertThat(diff(old.toString(), folder.resolve("absent.yaml").toString()).exitCode()).isEqualTo(2);
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result diff(String... files) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = Stream.concat(Stream.of("diff"), Stream.of(files)).toArray(String[]::new);
        int exitCode = FlumeCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
