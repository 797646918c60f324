package io.flume.schema.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flume.Flume;
import io.flume.schema.ParserLimits;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParseException;
import io.flume.schema.SchemaParser;
import io.flume.validation.ComponentCatalog;
import io.flume.validation.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property-based tests of the schema parser and validator on random and mutated schemas: random
 * bytes, truncated and mutated real schemas, and random node trees written as YAML and JSON.
 * Whatever the input, parsing either returns a schema or throws {@link SchemaParseException}, and
 * validating a parsed schema returns a report and never throws. Each input must finish within
 * {@link #MAX_TIME_PER_INPUT}. Alias bombs and deep nesting must be rejected by the
 * {@link ParserLimits}.
 *
 * <p>The inputs come from a {@link Random} with a seed that the test prints; rerun a failure with
 * {@code -Dflume.fuzz.seed=SEED}. {@code -Dflume.reliability=long} runs many more tries.
 *
 * <p>jqwik is not used: the jqwik 1.10.1 engine prints a notice on every run that asks AI agents
 * not to use the library, and this suite was written by one. A seeded generator with
 * {@link TestFactory} gives the same coverage, without shrinking.
 */
class SchemaFuzzTest {

    private static final boolean LONG = "long".equals(System.getProperty("flume.reliability"));
    private static final int TRIES = LONG ? 20_000 : 400;
    private static final Duration MAX_TIME_PER_INPUT = Duration.ofSeconds(5);

    /** Real schemas to truncate and mutate, relative to the compiler module's folder. */
    private static final List<Path> REAL_SCHEMAS = List.of(
            Path.of("../examples/earthquakes/pipeline.yaml"),
            Path.of("../examples/orders/pipeline.yaml"),
            Path.of("src/test/resources/schemas/every-node-type.yaml"),
            Path.of("src/test/resources/schemas/every-node-type.json"),
            Path.of("src/test/resources/schemas/three-mistakes.yaml"),
            Path.of("src/test/resources/flume-tests/app/pipeline.yaml"));

    private static final List<String> NODE_TYPES = List.of("sequence", "scaffold", "concurrent", "race", "contest",
            "worker-pool", "fallback", "retry", "timeout", "circuit-breaker", "rate-limit", "filter", "switch", "handle");
    private static final List<String> FIELDS = List.of("ref", "type", "stream", "name", "children", "child", "then",
            "else", "routes", "default", "predicate", "condition", "reducer", "error_handler", "attempts", "backoff",
            "duration", "failure_threshold", "recovery_timeout", "requests_per_second", "burst_size", "workers",
            "stream_timeout", "version", "chidlren", "");
    private static final List<String> NAMES = List.of("validate", "enrich", "is-premium", "priority", "merge",
            "recover", "alerts", "audit", "unknown", "a b", "ü", "x".repeat(300), "..", "-", "default");
    private static final List<Object> SCALARS = List.of("1s", "100ms", "1.5s", "2m30s", "-1s", "0s", "1e9h", "5x",
            "9223372036854775807ns", "99999999999999h", "", " ", 0, -1, 1, 3, Integer.MAX_VALUE, Long.MIN_VALUE,
            1e308, -0.0, 0.5, true, false, "null", "~", "1", "0x1F");
    /** Fragments that YAML treats specially, inserted by the mutator. */
    private static final List<String> YAML_FRAGMENTS = List.of(":", "- ", "\n", "  ", "{", "}", "[", "]", "&a ", "*a",
            "!!str ", "!!binary ", "!java.lang.Object ", "<<: *a\n", "? ", "|\n", ">-\n", "\"", "'", "#", "%YAML 1.1\n",
            "---\n", "...\n", "\t", ",", "\\u0000", "\u0000", "\uFFFF", "\uD800", "!!timestamp ", ".inf", ".nan");

    private static final Flume<String> COMPONENTS = Flume.builder(String.class)
            .processor("validate", (context, value) -> value)
            .processor("enrich", (context, value) -> value)
            .predicate("is-premium", value -> true)
            .condition("priority", List.of("high", "low"), value -> "high")
            .reducer("merge", (original, results, errors) -> original)
            .errorHandler("recover", failure -> failure.value())
            .build();
    private static final ComponentCatalog CATALOG = ComponentCatalog.withDeclaredStreams(COMPONENTS, Set.of("alerts", "audit"));

    private static long seed;
    private static List<String> realSchemas;

    private final Validator validator = new Validator();
    private final ObjectMapper json = new ObjectMapper();
    private final YAMLMapper yaml = new YAMLMapper();

    @BeforeAll
    static void chooseSeed() throws IOException {
        String configured = System.getProperty("flume.fuzz.seed");
        seed = configured != null ? Long.parseLong(configured) : new Random().nextLong();
        System.out.println("SchemaFuzzTest seed " + seed + " (rerun with -Dflume.fuzz.seed=" + seed + "), " + TRIES + " tries per property");
        realSchemas = new ArrayList<>();
        for (Path path : REAL_SCHEMAS) {
            realSchemas.add(Files.readString(path));
        }
    }

    @TestFactory
    Stream<DynamicTest> randomBytes() {
        return properties("random bytes", random -> {
            byte[] bytes = new byte[random.nextInt(400)];
            random.nextBytes(bytes);
            return new String(bytes, random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        });
    }

    @TestFactory
    Stream<DynamicTest> truncatedRealSchemas() {
        return properties("truncated real schema", random -> {
            String text = pick(random, realSchemas);
            return text.substring(0, random.nextInt(text.length() + 1));
        });
    }

    @TestFactory
    Stream<DynamicTest> mutatedRealSchemas() {
        return properties("mutated real schema", random -> mutate(random, pick(random, realSchemas)));
    }

    @TestFactory
    Stream<DynamicTest> randomNodeTreesAsYaml() {
        return properties("random node tree as YAML", random -> write(yaml, randomNode(random, 0)));
    }

    @TestFactory
    Stream<DynamicTest> randomNodeTreesAsJson() {
        return properties("random node tree as JSON", random -> write(json, randomNode(random, 0)));
    }

    @TestFactory
    Stream<DynamicTest> mutatedRandomNodeTrees() {
        return properties("mutated random node tree", random -> mutate(random, write(yaml, randomNode(random, 0))));
    }

    @TestFactory
    Stream<DynamicTest> aliasBombsHitTheAliasLimit() {
        return rejectedInputs("alias bomb", random -> {
            int width = 2 + random.nextInt(9);
            int levels = 1 + random.nextInt(12);
            StringBuilder text = new StringBuilder("l0: &l0 [lol]\n");
            int expanded = 0;
            int perLevel = 1;
            for (int level = 1; level <= levels; level++) {
                text.append('l').append(level).append(": &l").append(level).append(" [");
                for (int i = 0; i < width; i++) {
                    text.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
                }
                text.append("]\n");
                // Each level's collection repeats the previous one width times, and its own alias is not used.
                perLevel = level == 1 ? width : Math.min(1_000_000, perLevel * width + width);
                expanded += perLevel;
            }
            text.append("ref: validate\n");
            return expanded > ParserLimits.DEFAULT_MAX_ALIASES ? text.toString() : null;
        }, "alias references");
    }

    @TestFactory
    Stream<DynamicTest> deepNestingHitsTheDepthLimit() {
        return rejectedInputs("deep nesting", random -> {
            int depth = ParserLimits.DEFAULT_MAX_NESTING_DEPTH + 1 + random.nextInt(LONG ? 100_000 : 5_000);
            return switch (random.nextInt(4)) {
                case 0 -> "[".repeat(depth) + "]".repeat(depth);
                case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                case 2 -> "ref: validate\nx: " + "{a: ".repeat(depth) + "1" + "}".repeat(depth) + "\n";
                // Block nesting grows with the square of the depth, so it stays under the size limit.
                default -> blockNesting(Math.min(depth, ParserLimits.DEFAULT_MAX_NESTING_DEPTH + 1 + random.nextInt(300)));
            };
        }, "deeper than the limit");
    }

    /** Runs {@link #TRIES} random inputs in batches of 100, each batch a dynamic test. */
    private Stream<DynamicTest> properties(String kind, Function<Random, String> generator) {
        int batches = (TRIES + 99) / 100;
        return IntStream.range(0, batches).mapToObj(batch -> DynamicTest.dynamicTest(kind + " batch " + batch, () -> {
            for (int i = 0; i < 100 && batch * 100 + i < TRIES; i++) {
                Random random = new Random(seed ^ ((long) kind.hashCode() << 32) ^ (batch * 100L + i));
                String text = generator.apply(random);
                String sourceName = random.nextBoolean() ? "fuzz.yaml" : random.nextBoolean() ? "fuzz.json" : "fuzz";
                parseAndValidate(kind, batch * 100 + i, text, sourceName);
            }
        }));
    }

    /** Runs inputs that must be rejected with a parse error whose message contains {@code expectedMessage}. */
    private Stream<DynamicTest> rejectedInputs(String kind, Function<Random, String> generator, String expectedMessage) {
        int tries = LONG ? 1_000 : 40;
        return Stream.of(DynamicTest.dynamicTest(kind + " x" + tries, () -> {
            for (int i = 0; i < tries; i++) {
                Random random = new Random(seed ^ ((long) kind.hashCode() << 32) ^ i);
                String text = generator.apply(random);
                if (text == null) {
                    continue;
                }
                long started = System.nanoTime();
                assertThatThrownBy(() -> SchemaParser.parse(text, "bomb.yaml"))
                        .as("%s #%d (seed %d)", kind, i, seed)
                        .isInstanceOf(SchemaParseException.class)
                        .hasMessageContaining(expectedMessage);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time of %s #%d", kind, i)
                        .isLessThan(MAX_TIME_PER_INPUT);
            }
        }));
    }

    private void parseAndValidate(String kind, int index, String text, String sourceName) {
        long started = System.nanoTime();
        try {
            Schema schema = SchemaParser.parse(text, sourceName);
            validator.validate(schema, CATALOG).format();
            validator.validateStructure(schema).format();
        } catch (SchemaParseException expected) {
            assertThat(expected.getMessage()).as("parse error message").startsWith(sourceName);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(kind + " #" + index + " (seed " + seed + ", source " + sourceName + ") threw "
                    + e + " instead of a SchemaParseException or a report; input:\n" + text, e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (took.compareTo(MAX_TIME_PER_INPUT) > 0) {
            fail(kind + " #" + index + " (seed " + seed + ") took " + took.toMillis() + " ms; input:\n" + text);
        }
    }

    private static String mutate(Random random, String text) {
        StringBuilder result = new StringBuilder(text);
        int mutations = 1 + random.nextInt(6);
        for (int m = 0; m < mutations; m++) {
            int at = result.isEmpty() ? 0 : random.nextInt(result.length());
            switch (random.nextInt(6)) {
                case 0 -> result.insert(at, pick(random, YAML_FRAGMENTS));
                case 1 -> result.delete(at, Math.min(result.length(), at + 1 + random.nextInt(20)));
                case 2 -> result.insert(at, pick(random, FIELDS) + ": " + pick(random, SCALARS) + "\n");
                case 3 -> result.insert(at, pick(random, NAMES));
                case 4 -> {
                    int end = Math.min(result.length(), at + random.nextInt(80));
                    result.insert(at, result.substring(at, end));
                }
                default -> {
                    if (!result.isEmpty()) {
                        result.setCharAt(at, (char) random.nextInt(0x80));
                    }
                }
            }
        }
        return result.toString();
    }

    /** Builds a random node: mostly well-formed nodes of every kind, with wrong fields and values mixed in. */
    private static Object randomNode(Random random, int depth) {
        if (depth > 6 || random.nextInt(10) == 0) {
            return randomValue(random, depth);
        }
        Map<String, Object> node = new LinkedHashMap<>();
        switch (random.nextInt(4)) {
            case 0 -> node.put("ref", pick(random, NAMES));
            case 1 -> node.put("stream", pick(random, NAMES));
            default -> node.put("type", pick(random, NODE_TYPES));
        }
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            String field = pick(random, FIELDS);
            node.put(field, switch (field) {
                case "children" -> randomChildren(random, depth);
                case "child", "then", "else", "default" -> randomNode(random, depth + 1);
                case "routes" -> randomRoutes(random, depth);
                default -> randomValue(random, depth);
            });
        }
        return node;
    }

    private static List<Object> randomChildren(Random random, int depth) {
        List<Object> children = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            children.add(randomNode(random, depth + 1));
        }
        return children;
    }

    private static Map<String, Object> randomRoutes(Random random, int depth) {
        Map<String, Object> routes = new LinkedHashMap<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            routes.put(random.nextBoolean() ? "high" : pick(random, NAMES), randomNode(random, depth + 1));
        }
        return routes;
    }

    private static Object randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 6 ? 3 : 5)) {
            case 0 -> pick(random, SCALARS);
            case 1 -> pick(random, NAMES);
            case 2 -> null;
            case 3 -> randomChildren(random, depth);
            default -> randomRoutes(random, depth);
        };
    }

    private static String blockNesting(int depth) {
        StringBuilder text = new StringBuilder("ref: validate\nx:\n");
        for (int level = 1; level <= depth; level++) {
            text.append("  ".repeat(level)).append("a:\n");
        }
        return text.toString();
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("failed to write a generated node tree", e);
        }
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
