package io.flume.validation;

import io.flume.schema.Node;
import io.flume.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Validates parsed schemas and reports every problem at once, each with its source position and
 * schema path.
 *
 * <pre>{@code
 * Schema schema = SchemaParser.parse(Path.of("pipeline.yaml"));
 * ValidationReport report = new Validator().validate(schema, flume);
 * if (!report.isValid()) {
 *     System.err.println(report.format());
 * }
 * }</pre>
 *
 * <p>Errors:
 * <ul>
 *   <li>a node that is not exactly one of {@code ref}, {@code type} and {@code stream}
 *   <li>unknown types and fields, with a suggestion when a known one is close
 *   <li>fields the node's type does not take
 *   <li>missing required fields and wrong child counts
 *   <li>values of the wrong shape
 *   <li>durations, counts and rates that are not positive
 *   <li>names Kafka would reject, names used twice, and stream names that are not legal topic names
 *   <li>with a catalog, components that are not registered and streams that are not declared
 * </ul>
 * Using the same {@code ref} more than once is allowed.
 *
 * <p>Warnings:
 * <ul>
 *   <li>a switch route that is not among the values its condition declares
 *   <li>a stateful node (retry with backoff, concurrent with a reducer) without a {@code name}
 *   <li>a retry with backoff inside a node that runs inline, where it blocks the stream thread
 * </ul>
 *
 * <p>Instances are stateless and thread safe.
 */
public final class Validator {

    /** Validates the structure of {@code schema} and the components and streams it names. */
    public ValidationReport validate(Schema schema, ComponentCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        List<NodeRule> rules = structureRules();
        rules.add(new ComponentRule(catalog));
        rules.add(new RouteValueRule(catalog));
        return run(schema, rules);
    }

    /**
     * Validates the structure of {@code schema} only, without checking that components exist or
     * streams are declared. This serves linting where the component library is not at hand.
     */
    public ValidationReport validateStructure(Schema schema) {
        return run(schema, structureRules());
    }

    /**
     * Validates like {@link #validate} and throws when there is an error.
     *
     * @return the report, which may hold warnings
     * @throws ValidationException when the schema has errors, which its message lists
     */
    public ValidationReport check(Schema schema, ComponentCatalog catalog) {
        return throwOnErrors(validate(schema, catalog));
    }

    /**
     * Validates like {@link #validateStructure} and throws when there is an error.
     *
     * @throws ValidationException when the schema has errors, which its message lists
     */
    public ValidationReport checkStructure(Schema schema) {
        return throwOnErrors(validateStructure(schema));
    }

    private static ValidationReport throwOnErrors(ValidationReport report) {
        if (!report.isValid()) {
            throw new ValidationException(report);
        }
        return report;
    }

    /** Returns fresh rules; {@link NameRule} remembers the names of one schema. */
    private static List<NodeRule> structureRules() {
        return new ArrayList<>(List.of(
                new FieldProblemRule(),
                new KindRule(),
                new FieldRule(),
                new RequiredFieldRule(),
                new ValueRule(),
                new NameRule(),
                new StreamNameRule(),
                new StatefulNameRule(),
                new BlockingRetryRule()));
    }

    private static ValidationReport run(Schema schema, List<NodeRule> rules) {
        Objects.requireNonNull(schema, "schema");
        Problems problems = new Problems();
        visit(schema.root(), new ArrayList<>(), rules, problems);
        return problems.report();
    }

    private static void visit(Node node, List<Node> ancestors, List<NodeRule> rules, Problems problems) {
        List<Node> above = List.copyOf(ancestors);
        for (NodeRule rule : rules) {
            rule.check(node, above, problems);
        }

        ancestors.add(node);
        for (Node child : node.labelledChildren().values()) {
            visit(child, ancestors, rules, problems);
        }
        ancestors.remove(ancestors.size() - 1);
    }
}
