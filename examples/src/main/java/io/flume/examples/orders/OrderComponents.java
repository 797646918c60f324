package io.flume.examples.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.ComponentLibrary;
import io.flume.Flume;
import io.flume.RunningApplication;
import io.flume.api.Channel;
import io.flume.api.OverflowPolicy;
import io.flume.runtime.metrics.RateLimitedLogger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Components of the order processing example.
 *
 * <p>Each record's value is an order, keyed by its id:
 * <pre>{@code
 * {"id": "10042", "customer": "Northwind Traders", "customer_id": "C-1001", "tier": "premium", "total": 1250.00, "status": "pending"}
 * }</pre>
 *
 * <table>
 *   <caption>Registered components</caption>
 *   <tr><th>kind</th><th>name</th><th>does</th></tr>
 *   <tr><td>processor</td><td>{@code validate}</td><td>fails an order without a positive
 *       {@code total} or without an {@code id}</td></tr>
 *   <tr><td>processor</td><td>{@code enrich}</td><td>prefixes {@code id} with {@code ORD-}</td></tr>
 *   <tr><td>processor</td><td>{@code apply-discount}</td><td>takes 10% off {@code total}, rounded
 *       half-up to cents</td></tr>
 *   <tr><td>processor</td><td>{@code process}, {@code finalize}</td><td>set {@code status} to
 *       {@code processed} and {@code final}</td></tr>
 *   <tr><td>processor</td><td>{@code charge-payment}</td><td>fails while the attempt number is at
 *       most {@code fail_attempts}, then sets {@code status} to {@code charged}</td></tr>
 *   <tr><td>processor</td><td>{@code lookup-customer}</td><td>sets {@code customer_segment} from the
 *       last digit of {@code customer_id}: {@code retail} when even, {@code business} when odd</td></tr>
 *   <tr><td>processor</td><td>{@code score-fraud}</td><td>sets {@code fraud_score} to
 *       {@code total / 100}, at most 100</td></tr>
 *   <tr><td>processor</td><td>{@code price-list}, {@code price-promotions}</td><td>after a fixed
 *       wait of 200 ms and 10 ms, set {@code quoted_total} to {@code total}, or to {@code total}
 *       less 5%, and {@code price_source} to {@code list} or {@code promotions}</td></tr>
 *   <tr><td>reducer</td><td>{@code merge-enrichments}</td><td>copies {@code customer_segment} and
 *       {@code fraud_score} from the results of {@code lookup-customer} and {@code score-fraud}
 *       onto the original order, leaving out the field of a child that failed</td></tr>
 *   <tr><td>predicate</td><td>{@code is-premium}</td><td>{@code tier} is {@code premium}</td></tr>
 *   <tr><td>predicate</td><td>{@code is-notable}</td><td>{@code total} is at least 500</td></tr>
 *   <tr><td>predicate</td><td>{@code is-charged}</td><td>{@code status} is {@code charged}</td></tr>
 *   <tr><td>condition</td><td>{@code priority-level}</td><td>{@code high} when {@code total} is
 *       above 1000, else {@code low}</td></tr>
 *   <tr><td>condition</td><td>{@code order-status}</td><td>{@code status}</td></tr>
 * </table>
 *
 * <p>The library also registers the bounded channels of {@link #CHANNEL_CAPACITIES}, one per
 * stream of the schema that application code consumes in process. {@link OrderWorkers} takes
 * orders from them with a pool of worker threads.
 */
public final class OrderComponents implements ComponentLibrary {

    /** The library's short name, for {@code components:} in configs and test files. */
    public static final String NAME = "orders";

    public static final String HIGH_PRIORITY_CHANNEL = "orders.high";
    public static final String LOW_PRIORITY_CHANNEL = "orders.low";
    public static final String ERRORS_CHANNEL = "orders.errors";
    public static final String AUDIT_CHANNEL = "audit";
    public static final String ANALYTICS_CHANNEL = "analytics";
    public static final String PAYMENT_FAILED_CHANNEL = "orders.payment-failed";

    /**
     * The channels and their capacities, in the order {@link OrderWorkers} serves them. A small
     * queue applies backpressure early, and a large one absorbs bursts: high-priority orders
     * should be taken at once, while the low-priority queue may build up during a peak.
     */
    public static final Map<String, Integer> CHANNEL_CAPACITIES = channelCapacities();

    /** The values of the {@code order-status} condition that the example's schema uses. */
    public static final List<String> STATUSES = List.of("pending", "processed", "final");

    /** The {@code status} that {@code charge-payment} sets. */
    public static final String CHARGED_STATUS = "charged";

    /** The value of {@code order-status} for an order without a {@code status}. */
    public static final String UNKNOWN_STATUS = "unknown";

    public static final String ID_PREFIX = "ORD-";
    public static final BigDecimal DISCOUNT_FACTOR = new BigDecimal("0.9");
    public static final BigDecimal NOTABLE_TOTAL = new BigDecimal("500");
    public static final BigDecimal HIGH_PRIORITY_ABOVE = new BigDecimal("1000");

    public static final String LOOKUP_CUSTOMER = "lookup-customer";
    public static final String SCORE_FRAUD = "score-fraud";
    public static final BigDecimal MAX_FRAUD_SCORE = new BigDecimal("100");
    /** The factor {@code price-promotions} applies to the total: 5% off. */
    public static final BigDecimal PROMOTION_FACTOR = new BigDecimal("0.95");
    /**
     * The fixed response times of the two pricing services, in milliseconds. The promotions
     * service responds well before the list-price service, so it wins every race between them.
     */
    public static final long LIST_PRICE_MILLIS = 200;
    public static final long PROMOTIONS_PRICE_MILLIS = 10;

    /** How many {@link OrderWorkers} threads {@link #start} runs on the channels. */
    public static final int RUN_WORKERS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(OrderComponents.class);
    private static final RateLimitedLogger ENRICHMENT_FAILURES = new RateLimitedLogger(LOG, Duration.ofSeconds(10));

    private static final int MAX_SHOWN_VALUE_LENGTH = 120;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Validates, discounts and routes orders to priority channels, audit and analytics";
    }

    @Override
    public Flume<ObjectNode> create() {
        Flume.Builder<ObjectNode> builder = Flume.builder(ObjectNode.class)
                .processor("validate", "Fails an order without a positive total or a non-blank id",
                        (context, order) -> validate(order))
                .processor("enrich", "Prefixes the id with ORD- unless it already has the prefix",
                        (context, order) -> enrich(order))
                .processor("apply-discount", "Multiplies total by 0.9, rounded half-up to cents",
                        (context, order) -> applyDiscount(order))
                .processor("process", "Sets status to processed",
                        (context, order) -> order.put("status", "processed"))
                .processor("finalize", "Sets status to final",
                        (context, order) -> order.put("status", "final"))
                .processor("charge-payment", "Fails while the attempt number is at most fail_attempts, then sets status to charged",
                        (context, order) -> chargePayment(context.attempt(), order))
                .processor(LOOKUP_CUSTOMER, "Sets customer_segment from the last digit of customer_id: even retail, odd business",
                        (context, order) -> lookupCustomer(order))
                .processor(SCORE_FRAUD, "Sets fraud_score to total / 100, at most 100",
                        (context, order) -> scoreFraud(order))
                .processor("price-list", "Waits 200 ms, then quotes the total unchanged",
                        (context, order) -> priceList(order))
                .processor("price-promotions", "Waits 10 ms, then quotes the total less 5%, rounded half-up to cents",
                        (context, order) -> pricePromotions(order))
                .reducer("merge-enrichments", "Copies customer_segment and fraud_score from the enrichment results onto the order",
                        (original, results, errors) -> mergeEnrichments(original, results, errors))
                .predicate("is-premium", "tier is premium", OrderComponents::isPremium)
                .predicate("is-notable", "total is at least 500", OrderComponents::isNotable)
                .predicate("is-charged", "status is charged", OrderComponents::isCharged)
                .condition("priority-level", "high when total is above 1000, else low", List.of("high", "low"),
                        OrderComponents::priorityLevel)
                .condition("order-status", "The order's status", STATUSES, OrderComponents::orderStatus);
        CHANNEL_CAPACITIES.forEach((name, capacity) ->
                builder.channel(name, channelDescription(name, capacity), newChannel(name, capacity)));
        return builder.build();
    }

    /**
     * Starts {@value #RUN_WORKERS} {@link OrderWorkers} on the application's channels, which log
     * each order they take at debug level. At shutdown they drain the channels within the
     * config's {@code shutdown-grace}.
     */
    @Override
    @SuppressWarnings("unchecked")
    public AutoCloseable start(RunningApplication application) {
        Flume<ObjectNode> flume = (Flume<ObjectNode>) application.flume();
        OrderWorkers workers = OrderWorkers.start(flume, RUN_WORKERS,
                (channel, record) -> LOG.debug("Handled order {} from channel {}", record.key(), channel));
        Duration grace = application.config().shutdownGrace();
        return () -> workers.stop(grace);
    }

    /**
     * Checks that an order has a non-blank id and a positive numeric total, and returns it
     * unchanged.
     *
     * @throws IllegalArgumentException naming the order and every wrong value found:
     *     {@code missing id} when {@code id} is absent, null or blank, {@code invalid total} when
     *     {@code total} is absent, not a number, zero or negative
     */
    public static ObjectNode validate(ObjectNode order) {
        List<String> problems = new ArrayList<>();
        idProblem(order).ifPresent(problems::add);
        totalProblem(order).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("order " + orderId(order) + ": " + String.join("; ", problems));
        }
        return order;
    }

    /**
     * Prefixes {@code id} with {@code ORD-} unless it already starts with it. Changes the order in
     * place.
     *
     * @throws IllegalArgumentException ({@code missing id}) when the id is absent or blank
     */
    public static ObjectNode enrich(ObjectNode order) {
        idProblem(order).ifPresent(problem -> {
            throw new IllegalArgumentException("order " + orderId(order) + ": " + problem);
        });
        String id = order.path("id").asText();
        if (!id.startsWith(ID_PREFIX)) {
            order.put("id", ID_PREFIX + id);
        }
        return order;
    }

    /**
     * Multiplies {@code total} by 0.9 and rounds it half-up to cents, in decimal arithmetic:
     * 10.05 becomes 9.05 (from 9.045), 19.99 becomes 17.99 (from 17.991). Changes the order in
     * place. The new total is a JSON number with at most two decimals.
     *
     * @throws IllegalArgumentException ({@code invalid total}) when the total is absent, not a
     *     number, zero or negative
     */
    public static ObjectNode applyDiscount(ObjectNode order) {
        totalProblem(order).ifPresent(problem -> {
            throw new IllegalArgumentException("order " + orderId(order) + ": " + problem);
        });
        BigDecimal discounted = total(order.path("total"))
                .multiply(DISCOUNT_FACTOR)
                .setScale(2, RoundingMode.HALF_UP);
        order.put("total", discounted.doubleValue());
        return order;
    }

    /** Tests whether {@code tier} is exactly {@code premium}. */
    public static boolean isPremium(ObjectNode order) {
        JsonNode tier = order.path("tier");
        return tier.isTextual() && tier.asText().equals("premium");
    }

    /** Tests whether {@code total} is a number of at least 500. A missing total is not notable. */
    public static boolean isNotable(ObjectNode order) {
        JsonNode total = order.path("total");
        return total.isNumber() && total(total).compareTo(NOTABLE_TOTAL) >= 0;
    }

    /** Tests whether {@code status} is exactly {@code charged}, as {@code charge-payment} sets it. */
    public static boolean isCharged(ObjectNode order) {
        JsonNode status = order.path("status");
        return status.isTextual() && status.asText().equals(CHARGED_STATUS);
    }

    /**
     * Returns {@code high} when {@code total} is a number above 1000 and {@code low} otherwise,
     * so an order of exactly 1000 is {@code low}.
     */
    public static String priorityLevel(ObjectNode order) {
        JsonNode total = order.path("total");
        boolean high = total.isNumber() && total(total).compareTo(HIGH_PRIORITY_ABOVE) > 0;
        return high ? "high" : "low";
    }

    /**
     * Charges an order on a payment service that fails the first {@code fail_attempts} tries
     * (an integer field, 0 when absent), so that examples and tests can show retries: attempt
     * number {@code attempt} fails while it is at most {@code fail_attempts}, and otherwise sets
     * {@code status} to {@code charged}.
     *
     * @throws IllegalStateException when the payment service still fails at this attempt
     */
    public static ObjectNode chargePayment(int attempt, ObjectNode order) {
        int failAttempts = order.path("fail_attempts").asInt(0);
        if (attempt <= failAttempts) {
            throw new IllegalStateException("payment service unavailable for order " + order.path("id").asText()
                    + " (attempt " + attempt + " of the " + failAttempts + " that fail)");
        }
        return order.put("status", CHARGED_STATUS);
    }

    /**
     * Sets {@code customer_segment} from the last character of {@code customer_id}, a text or a
     * number: {@code retail} for an even digit, {@code business} for an odd one. Changes the
     * order in place.
     *
     * @throws IllegalArgumentException when {@code customer_id} is absent, null or blank, or does
     *     not end in a digit, naming the order and the value found
     */
    public static ObjectNode lookupCustomer(ObjectNode order) {
        JsonNode customerId = order.path("customer_id");
        String text = customerId.isMissingNode() || customerId.isNull() ? "" : customerId.asText().strip();
        if (text.isEmpty() || !Character.isDigit(text.charAt(text.length() - 1))) {
            throw new IllegalArgumentException("order " + orderId(order) + ": customer_id is " + describe(customerId)
                    + ", expected a customer id that ends in a digit, such as \"C-1042\"");
        }
        int lastDigit = Character.digit(text.charAt(text.length() - 1), 10);
        return order.put("customer_segment", lastDigit % 2 == 0 ? "retail" : "business");
    }

    /**
     * Sets {@code fraud_score} to {@code total / 100}, at most 100, in decimal arithmetic: a
     * total of 282.63 scores 2.8263, and any total of 10000 or more scores 100. Changes the order
     * in place.
     *
     * @throws IllegalArgumentException ({@code invalid total}) when the total is absent, not a
     *     number, zero or negative
     */
    public static ObjectNode scoreFraud(ObjectNode order) {
        totalProblem(order).ifPresent(problem -> {
            throw new IllegalArgumentException("order " + orderId(order) + ": " + problem);
        });
        BigDecimal score = total(order.path("total")).movePointLeft(2).min(MAX_FRAUD_SCORE);
        return order.put("fraud_score", score.doubleValue());
    }

    /** Quotes the list price after {@value #LIST_PRICE_MILLIS} ms: {@code total} unchanged. */
    public static ObjectNode priceList(ObjectNode order) throws InterruptedException {
        Thread.sleep(LIST_PRICE_MILLIS);
        return order.put("quoted_total", total(order.path("total")).doubleValue()).put("price_source", "list");
    }

    /**
     * Quotes the promotional price after {@value #PROMOTIONS_PRICE_MILLIS} ms: {@code total}
     * times 0.95, rounded half-up to cents.
     */
    public static ObjectNode pricePromotions(ObjectNode order) throws InterruptedException {
        Thread.sleep(PROMOTIONS_PRICE_MILLIS);
        BigDecimal quoted = total(order.path("total")).multiply(PROMOTION_FACTOR).setScale(2, RoundingMode.HALF_UP);
        return order.put("quoted_total", quoted.doubleValue()).put("price_source", "promotions");
    }

    /**
     * Copies {@code customer_segment} from the result of {@code lookup-customer} and
     * {@code fraud_score} from the result of {@code score-fraud} onto {@code original}, and
     * returns it.
     *
     * <p>A child that failed leaves its field out, and the failure is logged at WARN (at most once
     * every 10 s), so that an order whose customer cannot be looked up continues through the
     * pipeline. Consumers treat an order without {@code customer_segment} or {@code fraud_score}
     * as not enriched.
     */
    public static ObjectNode mergeEnrichments(ObjectNode original, Map<String, ObjectNode> results,
                                              Map<String, Throwable> errors) {
        copyField(results.get(LOOKUP_CUSTOMER), "customer_segment", original);
        copyField(results.get(SCORE_FRAUD), "fraud_score", original);
        errors.forEach((child, error) -> ENRICHMENT_FAILURES.warn(
                "Enrichment {} failed for order {}, which continues without its field: {}", child, orderId(original),
                error.getMessage()));
        return original;
    }

    private static void copyField(ObjectNode result, String field, ObjectNode target) {
        if (result != null && result.has(field)) {
            target.set(field, result.get(field));
        }
    }

    /**
     * Returns {@code status} as text, or {@value #UNKNOWN_STATUS} when it is absent or null, which
     * a switch routes like any other unmatched value.
     */
    public static String orderStatus(ObjectNode order) {
        JsonNode status = order.path("status");
        if (status.isMissingNode() || status.isNull()) {
            return UNKNOWN_STATUS;
        }
        return status.asText();
    }

    private static Optional<String> idProblem(ObjectNode order) {
        JsonNode id = order.path("id");
        boolean present = !id.isMissingNode() && !id.isNull() && !id.asText().isBlank();
        if (present) {
            return Optional.empty();
        }
        return Optional.of("missing id: id is " + describe(id) + ", expected a non-blank order number");
    }

    private static Optional<String> totalProblem(ObjectNode order) {
        JsonNode total = order.path("total");
        if (total.isNumber() && total(total).signum() > 0) {
            return Optional.empty();
        }
        return Optional.of("invalid total: total is " + describe(total) + ", expected a positive amount such as 19.99");
    }

    /**
     * Converts a JSON number to a decimal without binary noise: integers and decimals exactly,
     * doubles through their shortest decimal form (so 10.05 stays 10.05 instead of 10.0500000000000007105…).
     */
    private static BigDecimal total(JsonNode total) {
        if (total.isIntegralNumber() || total.isBigDecimal()) {
            return total.decimalValue();
        }
        return BigDecimal.valueOf(total.doubleValue());
    }

    private static Channel<ObjectNode> newChannel(String name, int capacity) {
        Channel<ObjectNode> channel = Channel.bounded(capacity);
        if (name.equals(ANALYTICS_CHANNEL)) {
            // Analytics only needs recent samples: under load, dropping the oldest keeps it current
            // instead of holding the topic back.
            channel.overflow(OverflowPolicy.DROP_OLDEST);
        }
        return channel;
    }

    private static String channelDescription(String name, int capacity) {
        return "Bounded queue of " + capacity + " orders fed from the " + name + " stream";
    }

    private static Map<String, Integer> channelCapacities() {
        Map<String, Integer> capacities = new LinkedHashMap<>();
        capacities.put(HIGH_PRIORITY_CHANNEL, 100);
        capacities.put(ERRORS_CHANNEL, 50);
        capacities.put(PAYMENT_FAILED_CHANNEL, 50);
        capacities.put(LOW_PRIORITY_CHANNEL, 1000);
        capacities.put(AUDIT_CHANNEL, 500);
        capacities.put(ANALYTICS_CHANNEL, 200);
        return Collections.unmodifiableMap(capacities);
    }

    /** Returns the order's {@code id} for messages, or {@code (no id)}. */
    static String orderId(ObjectNode order) {
        JsonNode id = order.path("id");
        if (id.isMissingNode() || id.isNull() || id.asText().isBlank()) {
            return "(no id)";
        }
        return id.isTextual() ? id.asText() : id.toString();
    }

    /** Describes a found value for messages: {@code absent}, {@code null} or its JSON text, shortened. */
    static String describe(JsonNode value) {
        if (value.isMissingNode()) {
            return "absent";
        }
        String json = value.toString();
        if (json.length() > MAX_SHOWN_VALUE_LENGTH) {
            return json.substring(0, MAX_SHOWN_VALUE_LENGTH) + "…";
        }
        return json;
    }
}
