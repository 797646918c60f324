package io.flume.compiler;

import io.flume.schema.Node;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Gives every node of a schema a stable name, which its Kafka Streams processors, branches,
 * sinks, stores and internal topics are named after.
 *
 * <p>A node with an explicit {@code name} is called that, whatever its ancestors are called, so
 * that moving or renaming its ancestors keeps its state. Any other node is named after its
 * parent and its own default name ({@code validate}, {@code filter-is-notable},
 * {@code stream-alerts}), with the route label for the branches of a filter or switch:
 * {@code sequence.filter-is-notable.then.stream-alerts}. Names that would repeat get the
 * suffix {@code -2}, {@code -3} in source order. No global counter is involved: adding a node
 * renames only the later nodes that would share its name, such as a second {@code ref} of the
 * same processor in the same sequence.
 *
 * <p>Names use only {@code [a-zA-Z0-9._-]}; other characters become {@code -}. A name longer
 * than {@value #MAX_LENGTH} characters is shortened and ends with a hash of the full name, which
 * keeps it unique and leaves room for the suffixes that Kafka Streams and Flume append.
 */
public final class NodeNames {

    /** Kafka allows 249 characters in a topic name; internal topics add the application id and a suffix. */
    static final int MAX_LENGTH = 160;

    private final Map<Node, String> names = new IdentityHashMap<>();
    private final Set<String> taken = new HashSet<>();

    private NodeNames() {
    }

    /** Names every node under {@code root}. */
    public static NodeNames of(Node root) {
        NodeNames result = new NodeNames();
        result.assign(root, null, null);
        return result;
    }

    /** Returns the stable name of a node of the tree this object was built for. */
    public String nameOf(Node node) {
        String name = names.get(node);
        if (name == null) {
            throw new IllegalArgumentException("node " + node.path() + " is not part of the named schema");
        }
        return name;
    }

    /** Returns every node's name, by schema path. */
    public Map<String, String> byPath() {
        Map<String, String> result = new java.util.TreeMap<>();
        names.forEach((node, name) -> result.put(node.path(), name));
        return result;
    }

    private void assign(Node node, String parentName, String routeLabel) {
        String name;
        if (node.name() != null) {
            name = sanitize(node.name());
        } else {
            String own = sanitize(node.displayName());
            String prefix = parentName == null ? "" : parentName + ".";
            String label = routeLabel == null ? "" : sanitize(routeLabel) + ".";
            name = prefix + label + own;
        }
        name = unique(shorten(name));
        names.put(node, name);
        taken.add(name);

        String parent = name;
        node.labelledChildren().forEach((label, child) -> assign(child, parent, routeLabelOf(label)));
    }

    /** Returns the label that goes into a child's name: the route for branches, nothing for lists. */
    private static String routeLabelOf(String label) {
        if (label.startsWith("children[") || label.equals("child")) {
            return null;
        }
        if (label.startsWith("routes.")) {
            return "route-" + label.substring("routes.".length());
        }
        return label;
    }

    private String unique(String name) {
        if (!taken.contains(name)) {
            return name;
        }
        for (int suffix = 2; ; suffix++) {
            String candidate = name + "-" + suffix;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    static String sanitize(String text) {
        StringBuilder result = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            result.append(legal ? c : '-');
        }
        return result.toString();
    }

    private static String shorten(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        String hash = hash(name);
        return name.substring(0, MAX_LENGTH - hash.length() - 1) + "-" + hash;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
