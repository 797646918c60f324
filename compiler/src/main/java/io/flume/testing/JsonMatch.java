package io.flume.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Compares an expected JSON value with an actual one, the way declarative tests match records.
 *
 * <p>By default the expected value is a subset: an object matches when every field it names is
 * present and matches (recursively), and other fields of the actual object are ignored. Arrays
 * match element by element and must have the same length. Numbers match by numeric value, so
 * {@code 1500} matches {@code 1500.0}. An expected {@code null} matches only a field that is
 * present with the value null. In exact mode, objects must also have no other fields.
 */
final class JsonMatch {

    /** The longest rendering of a value in a message; longer ones are cut with an ellipsis. */
    static final int MAX_SHOWN_CHARS = 200;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonMatch() {
    }

    /**
     * Returns one line per difference, such as {@code field properties.severity expected "minor"
     * but was "light"}; empty when {@code actual} matches.
     */
    static List<String> differences(JsonNode expected, JsonNode actual, boolean exact) {
        List<String> differences = new ArrayList<>();
        compare(expected, actual, "", exact, differences);
        return differences;
    }

    /** Returns true when two scalars or trees are equal, numbers compared by value. */
    static boolean equal(JsonNode expected, JsonNode actual) {
        return differences(expected, actual, true).isEmpty();
    }

    private static void compare(JsonNode expected, JsonNode actual, String path, boolean exact, List<String> differences) {
        if (actual == null || actual.isMissingNode()) {
            differences.add(subject(path) + " expected " + show(expected) + " but is missing");
        } else if (expected.isObject() && actual.isObject()) {
            compareObjects(expected, actual, path, exact, differences);
        } else if (expected.isArray() && actual.isArray()) {
            compareArrays(expected, actual, path, exact, differences);
        } else if (!scalarsEqual(expected, actual)) {
            differences.add(subject(path) + " expected " + show(expected) + " but was " + show(actual));
        }
    }

    private static void compareObjects(JsonNode expected, JsonNode actual, String path, boolean exact, List<String> differences) {
        Iterator<String> names = expected.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            compare(expected.get(name), actual.get(name), child(path, name), exact, differences);
        }
        if (exact) {
            Iterator<String> actualNames = actual.fieldNames();
            while (actualNames.hasNext()) {
                String name = actualNames.next();
                if (!expected.has(name)) {
                    differences.add(subject(child(path, name)) + " was not expected but is " + show(actual.get(name)));
                }
            }
        }
    }

    private static void compareArrays(JsonNode expected, JsonNode actual, String path, boolean exact, List<String> differences) {
        if (expected.size() != actual.size()) {
            differences.add(subject(path) + " expected " + elements(expected.size()) + " but had " + actual.size()
                    + ": expected " + show(expected) + " but was " + show(actual));
            return;
        }
        for (int i = 0; i < expected.size(); i++) {
            compare(expected.get(i), actual.get(i), path + "[" + i + "]", exact, differences);
        }
    }

    private static boolean scalarsEqual(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.isContainerNode() || actual.isContainerNode()) {
            return false;
        }
        return expected.getNodeType() == actual.getNodeType() && expected.asText().equals(actual.asText());
    }

    private static String elements(int count) {
        return count == 1 ? "1 element" : count + " elements";
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String subject(String path) {
        return path.isEmpty() ? "value" : "field " + path;
    }

    /** Renders a value as compact JSON, cut at {@link #MAX_SHOWN_CHARS} characters. */
    static String show(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String text;
        try {
            text = MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            text = value.toString();
        }
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "…";
    }
}
