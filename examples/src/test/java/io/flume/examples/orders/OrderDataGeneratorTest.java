package io.flume.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OrderDataGeneratorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path COMMITTED_FILE = Path.of("orders", "data", "orders.jsonl");

    @Test
    void committedFileMatchesGenerator() throws Exception {
        String generated = OrderDataGenerator.toJsonLines(
                OrderDataGenerator.generate(OrderDataGenerator.DEFAULT_SEED, OrderDataGenerator.DEFAULT_COUNT));

        assertThat(Files.readString(COMMITTED_FILE, StandardCharsets.UTF_8))
                .as("%s is out of date: regenerate it with OrderDataGenerator", COMMITTED_FILE)
                .isEqualTo(generated);
    }

    @Test
    void sameSeedGivesSameOrders() {
        assertThat(OrderDataGenerator.generate(7, 50)).isEqualTo(OrderDataGenerator.generate(7, 50));
        assertThat(OrderDataGenerator.generate(7, 50)).isNotEqualTo(OrderDataGenerator.generate(8, 50));
    }

    @Test
    void sampleHasEveryKindOfOrder() throws Exception {
        List<ObjectNode> orders = Files.readAllLines(COMMITTED_FILE).stream()
                .map(OrderDataGeneratorTest::parse)
                .collect(Collectors.toList());

        assertThat(orders).hasSize(200);
        assertThat(orders).allSatisfy(order -> assertThat(order.path("customer_id").asText()).matches("C-10(0[1-9]|1[0-9]|20)"));
        assertThat(orders).anyMatch(order -> order.path("tier").asText().equals("premium"));
        assertThat(orders).anyMatch(order -> order.path("tier").asText().equals("standard"));
        assertThat(orders).anyMatch(order -> order.path("id").asText().startsWith("ORD-"));
        assertThat(orders).anyMatch(order -> order.path("total").isNumber() && order.path("total").asDouble() > 1000);
        assertThat(orders).anyMatch(order -> order.path("total").isNumber()
                && order.path("total").asDouble() >= 500 && order.path("total").asDouble() <= 1000);
        assertThat(orders).anyMatch(order -> !order.has("id"));
        assertThat(orders).anyMatch(order -> order.path("id").isNull());
        assertThat(orders).anyMatch(order -> order.path("id").asText().equals(" "));
        assertThat(orders).anyMatch(order -> !order.has("total"));
        assertThat(orders).anyMatch(order -> order.path("total").isNumber() && order.path("total").asDouble() == 0);
        assertThat(orders).anyMatch(order -> order.path("total").isNumber() && order.path("total").asDouble() < 0);
        assertThat(orders).anyMatch(order -> order.path("total").isTextual());
    }

    private static ObjectNode parse(String line) {
        try {
            return (ObjectNode) MAPPER.readTree(line);
        } catch (Exception e) {
            throw new IllegalArgumentException("invalid JSON line in " + COMMITTED_FILE + ": " + line, e);
        }
    }
}
