package io.flume.compiler.equivalence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flume.Flume;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParser;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential tests of the two back-ends: random schemas ({@link RandomSchemas}) run once as a
 * Kafka Streams topology on {@code TopologyTestDriver} and once in process
 * ({@code Pipeline.run}), on the same records. Both must give each record the same outcome:
 * passed with the same value, or failed at the same node. Both must send the same values to
 * every stream in the same order. They must dead-letter the same failures, with the same node
 * name and path, exception class and message, attempt count, first failure and value. The
 * failures of {@code scaffold} children, which are only logged, must be as many.
 *
 * <p>Three factories generate the schemas: with the nodes that run record for record, with the
 * processors that write and read a header too, and with those and retries that have a backoff.
 * In the last one, records overtake each other while a retry waits, so only order-free views are
 * compared.
 *
 * <p>The schemas come from a {@link Random} with a seed that the test prints. The build uses a
 * fixed seed, so that every run checks the same schemas; {@code -Dflume.equivalence.seed=random}
 * explores new ones, and {@code -Dflume.equivalence.seed=SEED} reruns a failure. Each schema has a seed of its own, derived from it, which
 * the failure message shows with the schema. {@code -Dflume.equivalence.schemas=N} sets the
 * number of schemas per factory (100 by default).
 *
 * <p>jqwik is not used, for the reason {@code SchemaFuzzTest} gives.
 */
class BackendEquivalenceTest {

    private static final int SCHEMAS = Integer.getInteger("flume.equivalence.schemas", 100);
    private static final int RECORDS = 20;
    private static final List<String> TAGS = List.of("x", "y", "z");
    private static final YAMLMapper YAML = new YAMLMapper();
    /**
     * How long the topology runs after the last record, so that every retry with backoff is
     * released. A generated retry waits at most 4 ms and then 8 ms, each released up to 10 ms
     * late, so 2 s covers a chain of more than 50 such retries. A record still waiting would show
     * as neither sent nor dead-lettered.
     */
    private static final Duration BACKOFF_WAIT = Duration.ofSeconds(2);

    /** The seed of the build's runs; the run that found the order of nested child failures used -1706650786972718287. */
    private static final long FIXED_SEED = -1706650786972718287L;

    private static long seed;
    /** Totals over the schemas checked, printed at the end to show what the run covered. */
    private static final AtomicLong passed = new AtomicLong();
    private static final AtomicLong failed = new AtomicLong();
    private static final AtomicLong deadLetters = new AtomicLong();
    private static final AtomicLong streamValues = new AtomicLong();

    private final Flume<ObjectNode> flume = EquivalenceComponents.create();

    @BeforeAll
    static void chooseSeed() {
        String configured = System.getProperty("flume.equivalence.seed", Long.toString(FIXED_SEED));
        seed = configured.equals("random") ? new Random().nextLong() : Long.parseLong(configured);
        System.out.println("BackendEquivalenceTest seed " + seed + " (rerun with -Dflume.equivalence.seed=" + seed + ")");
    }

    @AfterAll
    static void printTotals() {
        System.out.println("BackendEquivalenceTest records passed " + passed + ", failed " + failed + ", dead letters "
                + deadLetters + ", stream values " + streamValues);
    }

    @TestFactory
    Stream<DynamicTest> backendsAgreeOnRandomSchemas() {
        return IntStream.range(0, SCHEMAS).mapToObj(index -> {
            long schemaSeed = new Random(seed + index).nextLong();
            return DynamicTest.dynamicTest("schema " + index + " (seed " + schemaSeed + ")",
                    () -> checkEquivalence(schemaSeed, false, false));
        });
    }

    @TestFactory
    Stream<DynamicTest> backendsAgreeWithBackoffRetries() {
        return IntStream.range(0, SCHEMAS).mapToObj(index -> {
            long schemaSeed = new Random(seed ^ (index + 1L) * 0x9E3779B97F4A7C15L).nextLong();
            return DynamicTest.dynamicTest("schema " + index + " (seed " + schemaSeed + ")",
                    () -> checkEquivalence(schemaSeed, true, true));
        });
    }

    @TestFactory
    Stream<DynamicTest> backendsAgreeWithHeaderProcessors() {
        return IntStream.range(0, SCHEMAS).mapToObj(index -> {
            long schemaSeed = new Random(seed - index - 1).nextLong();
            return DynamicTest.dynamicTest("schema " + index + " (seed " + schemaSeed + ")",
                    () -> checkEquivalence(schemaSeed, true, false));
        });
    }

    /**
     * Checks one random schema on records of its own. With {@code headers}, the schema also uses
     * the header processors. With {@code backoff}, some retries have a backoff. Then records, and
     * the children of a fan-out, may overtake each other in the topology, so stream values and
     * dead letters are compared without their order.
     */
    private void checkEquivalence(long schemaSeed, boolean headers, boolean backoff) {
        Random random = new Random(schemaSeed);
        String yaml = write(new RandomSchemas(random, headers, backoff).schema());
        Schema schema = SchemaParser.parse(yaml, "<random schema>");
        Map<String, ObjectNode> inputs = records(random);

        BackendRuns.Outcome expected = BackendRuns.inProcess(flume, schema, inputs);
        BackendRuns.Outcome actual = BackendRuns.onTopology(flume, schema, inputs, RandomSchemas.OUT,
                backoff ? BACKOFF_WAIT : Duration.ZERO);
        if (backoff) {
            expected = expected.sorted();
            actual = actual.sorted();
        }

        String context = "schema seed " + schemaSeed + " (run seed " + seed + "), schema:\n" + yaml + "inputs:\n"
                + describe(inputs);
        assertThat(actual.results()).as("outcome per record, topology vs in process; %s", context)
                .isEqualTo(expected.results());
        assertThat(actual.streams()).as("values per stream, topology vs in process; %s", context)
                .isEqualTo(expected.streams());
        assertThat(actual.deadLetters()).as("dead letters, topology vs in process; %s", context)
                .isEqualTo(expected.deadLetters());
        assertThat(actual.scaffoldFailures()).as("failures of scaffold children, topology vs in process; %s", context)
                .isEqualTo(expected.scaffoldFailures());

        expected.results().values().forEach(result -> (result.startsWith("passed") ? passed : failed).incrementAndGet());
        deadLetters.addAndGet(expected.deadLetters().size());
        expected.streams().values().forEach(values -> streamValues.addAndGet(values.size()));
    }

    /** Returns the records to feed by key: small objects with varied fields, some of them missing. The first has no key. */
    private static Map<String, ObjectNode> records(Random random) {
        Map<String, ObjectNode> records = new LinkedHashMap<>();
        for (int i = 0; i < RECORDS; i++) {
            ObjectNode value = JsonNodeFactory.instance.objectNode().put("id", i);
            if (random.nextInt(10) > 0) {
                value.put("a", random.nextInt(10));
            }
            value.put("b", random.nextInt(10));
            if (random.nextInt(10) > 0) {
                value.put("tag", TAGS.get(random.nextInt(TAGS.size())));
            }
            records.put(i == 0 ? BackendRuns.NULL_KEY : String.format("r%02d", i), value);
        }
        return records;
    }

    private static String describe(Map<String, ObjectNode> inputs) {
        StringBuilder text = new StringBuilder();
        inputs.forEach((key, value) -> text.append("  ").append(key).append(' ').append(value).append('\n'));
        return text.toString();
    }

    private static String write(Map<String, Object> tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
