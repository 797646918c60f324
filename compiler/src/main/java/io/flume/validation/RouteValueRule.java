package io.flume.validation;

import io.flume.schema.Node;
import io.flume.schema.NodeType;
import java.util.List;
import java.util.Map;

/**
 * Warns about switch routes whose key is not among the values the switch's condition declared it
 * can return. Such a route is taken only if the condition returns an undeclared value.
 */
final class RouteValueRule implements NodeRule {

    private final ComponentCatalog catalog;

    RouteValueRule(ComponentCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void check(Node node, List<Node> ancestors, Problems problems) {
        if (node.type() != NodeType.SWITCH || node.routes() == null || NodeFields.isBlank(node.condition())) {
            return;
        }
        if (!catalog.conditionNames().contains(node.condition())) {
            return;
        }
        List<String> values = catalog.conditionValues(node.condition());
        if (values.isEmpty()) {
            return;
        }

        for (Map.Entry<String, Node> route : node.routes().entrySet()) {
            if (values.contains(route.getKey())) {
                continue;
            }
            String suggestion = DidYouMean.suffix(route.getKey(), values);
            String fix = suggestion.isEmpty()
                    ? "; rename the route or declare the value on the condition"
                    : suggestion;
            Node target = route.getValue();
            problems.warning(target, target.position(), "route '" + route.getKey() + "' is not among the values"
                    + " condition '" + node.condition() + "' declares (" + String.join(", ", values)
                    + "), so it may never be taken" + fix);
        }
    }
}
