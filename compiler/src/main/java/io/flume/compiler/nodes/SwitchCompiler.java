package io.flume.compiler.nodes;

import io.flume.api.Condition;
import io.flume.runtime.inline.Step;
import io.flume.runtime.processors.RouteFunction;
import io.flume.schema.Node;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code switch}: the route whose key equals the condition's value. An unmatched value, or the
 * literal {@code "default"} when no route has that key, takes {@code default} when the node has
 * one and otherwise passes through unchanged. A condition returning null fails the record.
 */
final class SwitchCompiler implements NodeCompiler {

    private static final String ROUTE_PREFIX = "routes.";
    private static final String DEFAULT = "default";

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        return Routing.topology(build, node, routeFunction(Components.condition(build.flume(), node), node), routes(node), in);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        return Routing.inline(build, node, routeFunction(Components.condition(build.flume(), node), node), routes(node));
    }

    private static <T> RouteFunction<T> routeFunction(Condition<T> condition, Node node) {
        Map<String, Node> routes = node.routes();
        boolean hasDefault = node.defaultRoute() != null;
        String conditionName = node.condition();
        return value -> {
            String result = condition.evaluate(value);
            if (result == null) {
                throw new IllegalStateException("condition '" + conditionName
                        + "' returned null; return one of the route keys " + routes.keySet() + " or \"default\"");
            }
            if (routes.containsKey(result)) {
                return ROUTE_PREFIX + result;
            }
            return hasDefault ? DEFAULT : null;
        };
    }

    private static Map<String, Node> routes(Node node) {
        Map<String, Node> routes = new LinkedHashMap<>();
        node.routes().forEach((key, child) -> routes.put(ROUTE_PREFIX + key, child));
        if (node.defaultRoute() != null) {
            routes.put(DEFAULT, node.defaultRoute());
        }
        return routes;
    }
}
