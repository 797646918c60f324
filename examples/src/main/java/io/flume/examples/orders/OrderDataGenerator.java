package io.flume.examples.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the example's sample orders, {@code orders/data/orders.jsonl}: the same file for the
 * same seed and count on every JVM, because {@link Random} is a fixed algorithm.
 *
 * <p>Each order names one of 20 customers, with the customer's id ({@code C-1001} to
 * {@code C-1020}). About a quarter of the orders are premium. Totals are mostly small (under 300), with a
 * share between 500 and 1000 and a few above 1000, all in cents. A few ids already carry the
 * {@code ORD-} prefix, and about one order in twenty is invalid in one of the ways {@code validate}
 * rejects, taking turns: no id, a blank id, a null id, no total, a zero, negative or text total.
 *
 * <pre>
 * java -cp … io.flume.examples.orders.OrderDataGenerator [FILE [COUNT [SEED]]]
 * </pre>
 */
public final class OrderDataGenerator {

    public static final long DEFAULT_SEED = 20180207L;
    public static final int DEFAULT_COUNT = 200;
    public static final Path DEFAULT_FILE = Path.of("orders", "data", "orders.jsonl");

    private static final int FIRST_ORDER_NUMBER = 10001;
    /** The number of the first customer in {@link #CUSTOMERS}; customer ids are {@code C-1001} to {@code C-1020}. */
    private static final int FIRST_CUSTOMER_NUMBER = 1001;

    private static final List<String> CUSTOMERS = List.of(
            "Northwind Traders", "Contoso Ltd", "Fabrikam Inc", "Tailspin Toys", "Wide World Importers",
            "Adventure Works", "Blue Yonder Airlines", "Coho Winery", "Litware Inc", "Proseware Inc",
            "Alpine Ski House", "Margie's Travel", "Trey Research", "Lucerne Publishing", "Woodgrove Bank",
            "Fourth Coffee", "Humongous Insurance", "Wingtip Toys", "Graphic Design Institute", "City Power & Light");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OrderDataGenerator() {
    }

    /** Returns {@code count} orders generated from {@code seed}. */
    public static List<ObjectNode> generate(long seed, int count) {
        Random random = new Random(seed);
        List<ObjectNode> orders = new ArrayList<>(count);
        int invalid = 0;
        for (int i = 0; i < count; i++) {
            ObjectNode order = order(random, FIRST_ORDER_NUMBER + i);
            if (random.nextInt(20) == 0) {
                invalidate(order, invalid++);
            }
            orders.add(order);
        }
        return orders;
    }

    /** Returns the orders as JSON lines, each ending with a newline. */
    public static String toJsonLines(List<ObjectNode> orders) {
        StringBuilder lines = new StringBuilder();
        for (ObjectNode order : orders) {
            lines.append(order).append('\n');
        }
        return lines.toString();
    }

    /** Writes {@code FILE} (default {@code orders/data/orders.jsonl}) with COUNT orders from SEED. */
    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : DEFAULT_FILE;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_COUNT;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_SEED;
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, toJsonLines(generate(seed, count)), StandardCharsets.UTF_8);
        System.out.println("Wrote " + count + " orders to " + file);
    }

    private static ObjectNode order(Random random, int number) {
        ObjectNode order = MAPPER.createObjectNode();
        String id = random.nextInt(10) == 0 ? OrderComponents.ID_PREFIX + number : Integer.toString(number);
        order.put("id", id);
        int customer = random.nextInt(CUSTOMERS.size());
        order.put("customer", CUSTOMERS.get(customer));
        // Derived from the customer instead of drawn, so that every other field keeps its value.
        order.put("customer_id", "C-" + (FIRST_CUSTOMER_NUMBER + customer));
        order.put("tier", random.nextInt(4) == 0 ? "premium" : "standard");
        order.put("total", total(random).doubleValue());
        order.put("status", "pending");
        return order;
    }

    /** Returns an amount in cents: 70% from 5 to 300, 20% from 300 to 1000, 10% from 1000 to 3000. */
    private static BigDecimal total(Random random) {
        int band = random.nextInt(10);
        double low;
        double high;
        if (band < 7) {
            low = 5;
            high = 300;
        } else if (band < 9) {
            low = 300;
            high = 1000;
        } else {
            low = 1000;
            high = 3000;
        }
        long cents = Math.round((low + random.nextDouble() * (high - low)) * 100);
        return BigDecimal.valueOf(cents, 2);
    }

    /** Makes an order invalid in the way numbered {@code kind} modulo 7, so the kinds take turns. */
    private static void invalidate(ObjectNode order, int kind) {
        switch (kind % 7) {
            case 0 -> order.remove("id");
            case 1 -> order.put("id", " ");
            case 2 -> order.putNull("id");
            case 3 -> order.remove("total");
            case 4 -> order.put("total", 0);
            case 5 -> order.put("total", -order.path("total").asDouble());
            default -> order.put("total", order.path("total").asText());
        }
    }
}
