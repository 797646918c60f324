package io.flume.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.api.Channel;
import io.flume.api.OverflowPolicy;
import io.flume.examples.TestContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each order component, called through the registry the library creates. */
class OrderComponentsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Flume<ObjectNode> flume = new OrderComponents().create();

    @Test
    void libraryRegistersExactlyTheDocumentedComponents() {
        assertThat(new OrderComponents().name()).isEqualTo("orders");
        assertThat(flume.listProcessors()).containsExactly("apply-discount", "charge-payment", "enrich", "finalize",
                "lookup-customer", "price-list", "price-promotions", "process", "score-fraud", "validate");
        assertThat(flume.listReducers()).containsExactly("merge-enrichments");
        assertThat(flume.listPredicates()).containsExactly("is-charged", "is-notable", "is-premium");
        assertThat(flume.listConditions()).containsExactly("order-status", "priority-level");
        assertThat(flume.conditionValues("priority-level")).containsExactly("high", "low");
        assertThat(flume.conditionValues("order-status")).containsExactly("pending", "processed", "final");
    }

    @Test
    void libraryRegistersBoundedChannels() {
        Map<String, Integer> expected = Map.of(
                "orders.high", 100, "orders.low", 1000, "orders.errors", 50, "orders.payment-failed", 50,
                "audit", 500, "analytics", 200);

        assertThat(flume.listChannels()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, capacity) -> {
            Channel<ObjectNode> channel = flume.getChannel(name).orElseThrow();
            assertThat(channel.capacity()).as(name).isEqualTo(capacity);
            assertThat(channel.isDirect()).as(name).isFalse();
        });
        assertThat(flume.getChannel("analytics").orElseThrow().overflowPolicy()).isEqualTo(OverflowPolicy.DROP_OLDEST);
        assertThat(flume.getChannel("orders.high").orElseThrow().overflowPolicy()).isEqualTo(OverflowPolicy.BLOCK);
    }

    @Test
    void eachRegistryHasItsOwnChannels() {
        Flume<ObjectNode> other = new OrderComponents().create();

        assertThat(other.getChannel("audit").orElseThrow()).isNotSameAs(flume.getChannel("audit").orElseThrow());
    }

    // validate

    @Test
    void validatePassesCompleteOrderUnchanged() throws Exception {
        ObjectNode order = order("10001", "standard", "120.50");
        ObjectNode before = order.deepCopy();

        assertThat(process("validate", order)).isEqualTo(before);
    }

    @Test
    void validateAcceptsNumericId() throws Exception {
        ObjectNode order = json("{\"id\": 42, \"total\": 5}");

        assertThat(process("validate", order)).isSameAs(order);
    }

    @Test
    void validateRejectsZeroTotal() {
        assertThatThrownBy(() -> process("validate", order("10002", "standard", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("order 10002: invalid total: total is 0, expected a positive amount such as 19.99");
    }

    @Test
    void validateRejectsNegativeTotal() {
        assertThatThrownBy(() -> process("validate", order("10003", "premium", "-15.5")))
                .hasMessageContaining("order 10003")
                .hasMessageContaining("invalid total: total is -15.5");
    }

    @Test
    void validateRejectsTinyNegativeTotal() {
        assertThatThrownBy(() -> process("validate", order("10004", "standard", "-0.01")))
                .hasMessageContaining("invalid total: total is -0.01");
    }

    @Test
    void validateRejectsTextTotal() {
        ObjectNode order = json("{\"id\": \"10005\", \"total\": \"49.90\"}");

        assertThatThrownBy(() -> process("validate", order))
                .hasMessageContaining("order 10005")
                .hasMessageContaining("invalid total: total is \"49.90\"");
    }

    @Test
    void validateRejectsAbsentAndNullTotal() {
        assertThatThrownBy(() -> process("validate", json("{\"id\": \"10006\"}")))
                .hasMessageContaining("invalid total: total is absent");
        assertThatThrownBy(() -> process("validate", json("{\"id\": \"10007\", \"total\": null}")))
                .hasMessageContaining("invalid total: total is null");
    }

    @Test
    void validateAcceptsSmallestPositiveTotal() throws Exception {
        ObjectNode order = order("10008", "standard", "0.01");

        assertThat(process("validate", order)).isSameAs(order);
    }

    @Test
    void validateRejectsAbsentId() {
        ObjectNode order = json("{\"total\": 20}");

        assertThatThrownBy(() -> process("validate", order))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("order (no id): missing id: id is absent, expected a non-blank order number");
    }

    @Test
    void validateRejectsNullBlankAndEmptyId() {
        assertThatThrownBy(() -> process("validate", json("{\"id\": null, \"total\": 20}")))
                .hasMessageContaining("missing id: id is null");
        assertThatThrownBy(() -> process("validate", json("{\"id\": \"  \", \"total\": 20}")))
                .hasMessageContaining("missing id: id is \"  \"");
        assertThatThrownBy(() -> process("validate", json("{\"id\": \"\", \"total\": 20}")))
                .hasMessageContaining("missing id: id is \"\"");
    }

    @Test
    void validateReportsBothProblemsAtOnce() {
        assertThatThrownBy(() -> process("validate", json("{\"customer\": \"Litware Inc\"}")))
                .hasMessage("order (no id): missing id: id is absent, expected a non-blank order number;"
                        + " invalid total: total is absent, expected a positive amount such as 19.99");
    }

    // enrich

    @Test
    void enrichPrefixesId() throws Exception {
        assertThat(process("enrich", order("10010", "standard", "5")).get("id").asText()).isEqualTo("ORD-10010");
    }

    @Test
    void enrichKeepsExistingPrefix() throws Exception {
        assertThat(process("enrich", order("ORD-10011", "standard", "5")).get("id").asText()).isEqualTo("ORD-10011");
    }

    @Test
    void enrichPrefixesLowerCasePrefixAgain() throws Exception {
        assertThat(process("enrich", order("ord-10012", "standard", "5")).get("id").asText())
                .isEqualTo("ORD-ord-10012");
    }

    @Test
    void enrichTurnsNumericIdIntoText() throws Exception {
        ObjectNode result = process("enrich", json("{\"id\": 42, \"total\": 5}"));

        assertThat(result.get("id").isTextual()).isTrue();
        assertThat(result.get("id").asText()).isEqualTo("ORD-42");
    }

    @Test
    void enrichChangesNothingElse() throws Exception {
        ObjectNode order = order("10013", "premium", "99.95");

        ObjectNode result = process("enrich", order);

        assertThat(result.get("customer").asText()).isEqualTo("Contoso Ltd");
        assertThat(result.get("tier").asText()).isEqualTo("premium");
        assertThat(result.get("total").doubleValue()).isEqualTo(99.95);
        assertThat(result.get("status").asText()).isEqualTo("pending");
        assertThat(result.size()).isEqualTo(5);
    }

    @Test
    void enrichRejectsAbsentId() {
        assertThatThrownBy(() -> process("enrich", json("{\"total\": 5}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing id");
    }

    // apply-discount

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource({
        "100, 90.0",
        "200, 180.0",
        "3, 2.7",
        "10.05, 9.05",        // 9.045 rounds up
        "19.99, 17.99",       // 17.991
        "0.05, 0.05",         // 0.045 rounds up
        "0.01, 0.01",         // 0.009
        "1111.12, 1000.01",   // 1000.008
        "1111.11, 1000.0",    // 999.999
        "555.55, 500.0",      // 499.995 rounds up
        "555.54, 499.99",     // 499.986
        "2400, 2160.0",
        "64.4, 57.96",
    })
    void applyDiscountRoundsHalfUpToCents(String total, double discounted) throws Exception {
        ObjectNode order = order("10020", "premium", total);

        ObjectNode result = process("apply-discount", order);

        assertThat(result.get("total").isNumber()).isTrue();
        assertThat(result.get("total").doubleValue()).isEqualTo(discounted);
        assertThat(BigDecimal.valueOf(result.get("total").doubleValue()).stripTrailingZeros().scale())
                .isLessThanOrEqualTo(2);
    }

    @Test
    void applyDiscountReadsDecimalNodesExactly() throws Exception {
        ObjectNode order = json("{\"id\": \"10021\", \"total\": 5}");
        order.put("total", new BigDecimal("10.05"));

        assertThat(process("apply-discount", order).get("total").doubleValue()).isEqualTo(9.05);
    }

    @Test
    void applyDiscountRejectsInvalidTotal() {
        assertThatThrownBy(() -> process("apply-discount", json("{\"id\": \"10022\", \"total\": \"12\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("order 10022: invalid total: total is \"12\"");
    }

    // process, finalize

    @Test
    void processAndFinalizeSetStatus() throws Exception {
        ObjectNode order = order("10030", "standard", "12.00");

        assertThat(process("process", order).get("status").asText()).isEqualTo("processed");
        assertThat(process("finalize", order).get("status").asText()).isEqualTo("final");
        assertThat(order.get("total").doubleValue()).isEqualTo(12.0);
        assertThat(order.get("id").asText()).isEqualTo("10030");
    }

    @Test
    void processAddsStatusWhenAbsent() throws Exception {
        assertThat(process("process", json("{\"id\": \"10031\"}")).get("status").asText()).isEqualTo("processed");
    }

    // predicates

    @Test
    void isPremiumMatchesOnlyTheExactTier() throws Exception {
        assertThat(predicate("is-premium", order("1", "premium", "5"))).isTrue();
        assertThat(predicate("is-premium", order("1", "standard", "5"))).isFalse();
        assertThat(predicate("is-premium", order("1", "Premium", "5"))).isFalse();
        assertThat(predicate("is-premium", json("{\"id\": \"1\"}"))).isFalse();
    }

    @Test
    void isNotableFrom500() throws Exception {
        assertThat(predicate("is-notable", order("1", "standard", "499.99"))).isFalse();
        assertThat(predicate("is-notable", order("1", "standard", "500"))).isTrue();
        assertThat(predicate("is-notable", order("1", "standard", "500.00"))).isTrue();
        assertThat(predicate("is-notable", order("1", "standard", "2400"))).isTrue();
        assertThat(predicate("is-notable", json("{\"total\": \"900\"}"))).isFalse();
        assertThat(predicate("is-notable", json("{}"))).isFalse();
    }

    @Test
    void isChargedMatchesOnlyTheExactStatus() throws Exception {
        assertThat(predicate("is-charged", json("{\"status\": \"charged\"}"))).isTrue();
        assertThat(predicate("is-charged", json("{\"status\": \"final\"}"))).isFalse();
        assertThat(predicate("is-charged", json("{\"status\": \"Charged\"}"))).isFalse();
        assertThat(predicate("is-charged", json("{}"))).isFalse();
    }

    // conditions

    @Test
    void priorityLevelIsHighOnlyAbove1000() throws Exception {
        assertThat(condition("priority-level", order("1", "standard", "999.99"))).isEqualTo("low");
        assertThat(condition("priority-level", order("1", "standard", "1000"))).isEqualTo("low");
        assertThat(condition("priority-level", order("1", "standard", "1000.00"))).isEqualTo("low");
        assertThat(condition("priority-level", order("1", "standard", "1000.01"))).isEqualTo("high");
        assertThat(condition("priority-level", order("1", "standard", "25000"))).isEqualTo("high");
    }

    @Test
    void priorityLevelIsLowWithoutNumericTotal() throws Exception {
        assertThat(condition("priority-level", json("{}"))).isEqualTo("low");
        assertThat(condition("priority-level", json("{\"total\": \"5000\"}"))).isEqualTo("low");
    }

    @Test
    void orderStatusReturnsStatus() throws Exception {
        assertThat(condition("order-status", order("1", "standard", "5"))).isEqualTo("pending");
        assertThat(condition("order-status", json("{\"status\": \"processed\"}"))).isEqualTo("processed");
        assertThat(condition("order-status", json("{\"status\": \"on hold\"}"))).isEqualTo("on hold");
    }

    @Test
    void orderStatusIsUnknownWithoutStatus() throws Exception {
        assertThat(condition("order-status", json("{}"))).isEqualTo("unknown");
        assertThat(condition("order-status", json("{\"status\": null}"))).isEqualTo("unknown");
    }

    // charge-payment

    @Test
    void chargePaymentFailsUntilAttemptPassesFailAttempts() {
        ObjectNode order = json("{\"id\": \"ORD-7\", \"fail_attempts\": 2}");

        assertThatThrownBy(() -> OrderComponents.chargePayment(1, order.deepCopy()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("payment service unavailable for order ORD-7 (attempt 1 of the 2 that fail)");
        assertThatThrownBy(() -> OrderComponents.chargePayment(2, order.deepCopy()))
                .hasMessageContaining("attempt 2 of the 2 that fail");
        assertThat(OrderComponents.chargePayment(3, order.deepCopy()).path("status").asText()).isEqualTo("charged");
    }

    @Test
    void chargePaymentSucceedsAtOnceWithoutFailAttempts() {
        assertThat(OrderComponents.chargePayment(1, json("{\"id\": \"ORD-8\"}")).path("status").asText())
                .isEqualTo("charged");
    }

    @Test
    void registeredChargePaymentReadsContextAttempt() throws Exception {
        var chargePayment = flume.getProcessor("charge-payment").orElseThrow().implementation();
        ObjectNode order = json("{\"id\": \"ORD-9\", \"status\": \"final\", \"fail_attempts\": 1}");

        assertThatThrownBy(() -> chargePayment.process(new TestContext(1), order.deepCopy()))
                .hasMessageContaining("attempt 1 of the 1 that fail");
        ObjectNode charged = chargePayment.process(new TestContext(2), order.deepCopy());
        assertThat(charged.path("status").asText()).isEqualTo("charged");
        assertThat(predicate("is-charged", charged)).isTrue();
    }

    // lookup-customer

    @ParameterizedTest(name = "customer_id {0} is {1}")
    @CsvSource({"C-1000, retail", "C-1001, business", "C-1042, retail", "C-1019, business", "8, retail", "' C-7 ', business"})
    void lookupCustomerSegmentsByLastDigit(String customerId, String segment) throws Exception {
        ObjectNode order = json("{\"id\": \"ORD-1\"}").put("customer_id", customerId);

        assertThat(process("lookup-customer", order).path("customer_segment").asText()).isEqualTo(segment);
    }

    @Test
    void lookupCustomerReadsNumericId() throws Exception {
        ObjectNode order = json("{\"id\": \"ORD-1\", \"customer_id\": 1043}");

        assertThat(process("lookup-customer", order).path("customer_segment").asText()).isEqualTo("business");
    }

    @Test
    void lookupCustomerRejectsIdWithoutFinalDigit() {
        assertThatThrownBy(() -> process("lookup-customer", json("{\"id\": \"ORD-2\", \"customer_id\": \"C-10X\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("order ORD-2: customer_id is \"C-10X\", expected a customer id that ends in a digit, such as \"C-1042\"");
    }

    @Test
    void lookupCustomerRejectsAbsentNullAndBlankId() {
        assertThatThrownBy(() -> process("lookup-customer", json("{\"id\": \"ORD-3\"}")))
                .hasMessageStartingWith("order ORD-3: customer_id is absent,");
        assertThatThrownBy(() -> process("lookup-customer", json("{\"id\": \"ORD-3\", \"customer_id\": null}")))
                .hasMessageStartingWith("order ORD-3: customer_id is null,");
        assertThatThrownBy(() -> process("lookup-customer", json("{\"id\": \"ORD-3\", \"customer_id\": \"  \"}")))
                .hasMessageStartingWith("order ORD-3: customer_id is \"  \",");
    }

    // score-fraud

    @ParameterizedTest(name = "total {0} scores {1}")
    @CsvSource({"282.63, 2.8263", "0.01, 0.0001", "9999.99, 99.9999", "10000, 100", "25000.5, 100"})
    void scoreFraudIsTotalOver100CappedAt100(String total, double score) throws Exception {
        ObjectNode result = process("score-fraud", order("1", "standard", total));

        assertThat(result.path("fraud_score").doubleValue()).isEqualTo(score);
        assertThat(result.path("total").decimalValue()).isEqualByComparingTo(total);
    }

    @Test
    void scoreFraudRejectsInvalidTotal() {
        assertThatThrownBy(() -> process("score-fraud", json("{\"id\": \"ORD-4\", \"total\": -5}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("order ORD-4: invalid total: total is -5");
    }

    // pricing

    @Test
    void priceListQuotesTotalAfterItsWait() throws Exception {
        long start = System.nanoTime();
        ObjectNode result = process("price-list", order("1", "standard", "120.5"));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.path("quoted_total").doubleValue()).isEqualTo(120.5);
        assertThat(result.path("price_source").asText()).isEqualTo("list");
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(OrderComponents.LIST_PRICE_MILLIS);
    }

    @ParameterizedTest(name = "total {0} is quoted {1}")
    @CsvSource({"120.5, 114.48", "300, 285", "10.1, 9.6", "64.4, 61.18"})
    void pricePromotionsQuotesFivePercentOffHalfUp(String total, double quoted) throws Exception {
        ObjectNode result = process("price-promotions", order("1", "standard", total));

        assertThat(result.path("quoted_total").doubleValue()).isEqualTo(quoted);
        assertThat(result.path("price_source").asText()).isEqualTo("promotions");
    }

    // merge-enrichments

    @Test
    void mergeEnrichmentsCopiesBothFieldsOntoOriginal() throws Exception {
        ObjectNode original = order("ORD-5", "standard", "120.5");
        ObjectNode customer = original.deepCopy().put("customer_segment", "retail").put("status", "changed by the child");
        ObjectNode fraud = original.deepCopy().put("fraud_score", 1.205);

        ObjectNode merged = reduce(original, Map.of("lookup-customer", customer, "score-fraud", fraud), Map.of());

        assertThat(merged).isEqualTo(order("ORD-5", "standard", "120.5").put("customer_segment", "retail").put("fraud_score", 1.205));
    }

    @Test
    void mergeEnrichmentsLeavesOutFieldOfFailedChild() throws Exception {
        ObjectNode original = order("ORD-6", "standard", "42");
        ObjectNode fraud = original.deepCopy().put("fraud_score", 0.42);

        ObjectNode merged = reduce(original, Map.of("score-fraud", fraud),
                Map.of("lookup-customer", new IllegalArgumentException("order ORD-6: customer_id is absent")));

        assertThat(merged.has("customer_segment")).isFalse();
        assertThat(merged.path("fraud_score").doubleValue()).isEqualTo(0.42);
        assertThat(merged.path("status").asText()).isEqualTo("pending");
    }

    @Test
    void mergeEnrichmentsWithBothChildrenFailedReturnsOriginal() throws Exception {
        ObjectNode merged = reduce(order("ORD-7", "standard", "42"), Map.of(), Map.of(
                "lookup-customer", new IllegalArgumentException("no customer"),
                "score-fraud", new IllegalArgumentException("no total")));

        assertThat(merged).isEqualTo(order("ORD-7", "standard", "42"));
    }

    // helpers

    private ObjectNode reduce(ObjectNode original, Map<String, ObjectNode> results, Map<String, Throwable> errors)
            throws Exception {
        return flume.getReducer("merge-enrichments").orElseThrow().implementation().reduce(original, results, errors);
    }

    private ObjectNode process(String name, ObjectNode order) throws Exception {
        return flume.getProcessor(name).orElseThrow().implementation().process(new TestContext(), order);
    }

    private boolean predicate(String name, ObjectNode order) throws Exception {
        return flume.getPredicate(name).orElseThrow().implementation().test(order);
    }

    private String condition(String name, ObjectNode order) throws Exception {
        return flume.getCondition(name).orElseThrow().implementation().evaluate(order);
    }

    /** Returns an order whose total is the JSON number {@code total}, parsed as the serde would. */
    private static ObjectNode order(String id, String tier, String total) {
        return json("{\"id\": \"" + id + "\", \"customer\": \"Contoso Ltd\", \"tier\": \"" + tier
                + "\", \"total\": " + total + ", \"status\": \"pending\"}");
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON in test: " + text, e);
        }
    }
}
