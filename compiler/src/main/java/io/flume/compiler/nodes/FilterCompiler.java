package io.flume.compiler.nodes;

import io.flume.api.Predicate;
import io.flume.runtime.inline.Step;
import io.flume.runtime.processors.RouteFunction;
import io.flume.schema.Node;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code filter}: {@code then} when the predicate holds, else {@code else}, or pass through without one. */
final class FilterCompiler implements NodeCompiler {

    static final String THEN = "then";
    static final String ELSE = "else";

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        return Routing.topology(build, node, routeFunction(Components.predicate(build.flume(), node)), routes(node), in);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        return Routing.inline(build, node, routeFunction(Components.predicate(build.flume(), node)), routes(node));
    }

    private static <T> RouteFunction<T> routeFunction(Predicate<T> predicate) {
        return value -> predicate.test(value) ? THEN : ELSE;
    }

    private static Map<String, Node> routes(Node node) {
        Map<String, Node> routes = new LinkedHashMap<>();
        routes.put(THEN, node.then());
        if (node.otherwise() != null) {
            routes.put(ELSE, node.otherwise());
        }
        return routes;
    }
}
