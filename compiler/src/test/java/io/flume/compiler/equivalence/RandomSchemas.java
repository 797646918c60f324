package io.flume.compiler.equivalence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates random valid schemas from the node kinds that both back-ends run record for record:
 * {@code ref}, {@code sequence}, {@code filter}, {@code switch}, {@code stream},
 * {@code concurrent} (with and without a reducer), {@code scaffold}, {@code fallback},
 * {@code handle} and {@code retry} without {@code backoff}.
 *
 * <p>A retry with {@code backoff} is generated only on request, and then its subtree has no
 * {@code stream}, {@code retry}, {@code scaffold} or reducer-less {@code concurrent} node. In a
 * topology each run of the subtree is a separate pass, so a {@code stream} node before a failing
 * step sends on every run, while in process only the successful run's sends are kept, and a
 * nested retry's attempts count differently (see "Differences between the two back-ends" in
 * docs/reference.md). The failures of {@code concurrent} and {@code scaffold} children are
 * likewise reported on every run in a topology, and only for the successful run in process.
 *
 * <p>The root is always a sequence that ends in {@code stream: out}, so that the value a record
 * leaves the pipeline with is visible in a topology too.
 */
final class RandomSchemas {

    static final String OUT = "out";
    static final List<String> STREAMS = List.of("s1", "s2", "s3");

    private static final int MAX_DEPTH = 5;
    private static final int MAX_NODES = 30;

    private final Random random;
    private final boolean headers;
    private final boolean backoff;
    private int nodes;
    private int names;
    /** How many retries with {@code backoff} enclose the node being generated. */
    private int backoffRetries;

    /**
     * @param headers whether to use the processors that write and read a header
     * @param backoff whether to give some retries a {@code backoff}
     */
    RandomSchemas(Random random, boolean headers, boolean backoff) {
        this.random = random;
        this.headers = headers;
        this.backoff = backoff;
    }

    /** Returns a new schema tree as nested maps and lists, ready to be written as YAML. */
    Map<String, Object> schema() {
        nodes = 0;
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1");
        root.put("type", "sequence");
        root.put("children", List.of(node(1), Map.of("stream", OUT)));
        return root;
    }

    private Map<String, Object> node(int depth) {
        nodes++;
        if (depth >= MAX_DEPTH || nodes >= MAX_NODES) {
            return random.nextInt(4) == 0 && backoffRetries == 0 ? stream(depth, false) : ref();
        }
        int kind = random.nextInt(100);
        if (backoffRetries > 0 && (kind >= 48 && kind < 58 || kind >= 67 && kind < 72 || kind >= 90)) {
            kind = 20;
        }
        Map<String, Object> node;
        if (kind < 18) {
            node = ref();
        } else if (kind < 30) {
            node = typed("sequence");
            node.put("children", children(depth, 1 + random.nextInt(4)));
        } else if (kind < 40) {
            node = filter(depth);
        } else if (kind < 48) {
            node = switchNode(depth);
        } else if (kind < 58) {
            node = stream(depth, true);
        } else if (kind < 67) {
            node = concurrent(depth);
        } else if (kind < 72) {
            node = typed("scaffold");
            node.put("children", children(depth, 1 + random.nextInt(3)));
        } else if (kind < 81) {
            node = typed("fallback");
            node.put("children", children(depth, 2));
        } else if (kind < 90) {
            node = typed("handle");
            node.put("error_handler", EquivalenceComponents.ERROR_HANDLER);
            node.put("child", node(depth + 1));
        } else {
            node = typed("retry");
            if (random.nextBoolean()) {
                node.put("attempts", 1 + random.nextInt(3));
            }
            boolean withBackoff = backoff && random.nextBoolean();
            if (withBackoff) {
                node.put("backoff", (1 + random.nextInt(4)) + "ms");
                maybeName(node, 80);
                backoffRetries++;
            }
            node.put("child", node(depth + 1));
            if (withBackoff) {
                backoffRetries--;
            }
        }
        maybeName(node, 10);
        return node;
    }

    private Map<String, Object> ref() {
        int group = random.nextInt(20);
        List<String> processors = group < 9 ? EquivalenceComponents.CHANGING_PROCESSORS
                : group < 17 ? EquivalenceComponents.FAILING_PROCESSORS
                : group < 19 || !headers ? EquivalenceComponents.SUFFIX_NAMED_PROCESSORS
                : EquivalenceComponents.HEADER_PROCESSORS;
        String processor = pick(processors);
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("ref", processor);
        maybeName(node, 5);
        return node;
    }

    private Map<String, Object> filter(int depth) {
        Map<String, Object> node = typed("filter");
        node.put("predicate", pick(EquivalenceComponents.PREDICATES));
        node.put("then", node(depth + 1));
        if (random.nextBoolean()) {
            node.put("else", node(depth + 1));
        }
        return node;
    }

    private Map<String, Object> switchNode(int depth) {
        Map<String, Object> node = typed("switch");
        String condition = pick(List.copyOf(EquivalenceComponents.CONDITIONS.keySet()).stream().sorted().toList());
        node.put("condition", condition);
        Map<String, Object> routes = new LinkedHashMap<>();
        for (String value : EquivalenceComponents.CONDITIONS.get(condition)) {
            if (random.nextInt(3) > 0) {
                routes.put(value, node(depth + 1));
            }
        }
        if (routes.isEmpty()) {
            routes.put(EquivalenceComponents.CONDITIONS.get(condition).get(0), node(depth + 1));
        }
        node.put("routes", routes);
        // A route named "default" and the default field exclude each other.
        if (!routes.containsKey("default") && random.nextBoolean()) {
            node.put("default", node(depth + 1));
        }
        return node;
    }

    private Map<String, Object> stream(int depth, boolean mayContinue) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("stream", pick(STREAMS));
        int continuation = mayContinue ? random.nextInt(3) : 0;
        if (continuation == 1) {
            node.put("child", node(depth + 1));
        } else if (continuation == 2) {
            node.put("children", children(depth, 1 + random.nextInt(3)));
        }
        return node;
    }

    private Map<String, Object> concurrent(int depth) {
        Map<String, Object> node = typed("concurrent");
        boolean reduced = backoffRetries > 0 || random.nextBoolean();
        if (reduced) {
            node.put("reducer", EquivalenceComponents.REDUCER);
            maybeName(node, 50);
        }
        node.put("children", children(depth, 1 + random.nextInt(3)));
        return node;
    }

    private List<Object> children(int depth, int count) {
        List<Object> children = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            children.add(node(depth + 1));
        }
        return children;
    }

    private static Map<String, Object> typed(String type) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("type", type);
        return node;
    }

    /** Gives the node an explicit, unique name with the given chance in percent, unless it has one. */
    private void maybeName(Map<String, Object> node, int percent) {
        if (!node.containsKey("name") && random.nextInt(100) < percent) {
            node.put("name", "n" + (++names));
        }
    }

    private <E> E pick(List<E> items) {
        return items.get(random.nextInt(items.size()));
    }
}
