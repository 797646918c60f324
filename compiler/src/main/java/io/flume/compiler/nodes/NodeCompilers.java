package io.flume.compiler.nodes;

import io.flume.compiler.CompileException;
import io.flume.schema.Node;
import io.flume.schema.NodeType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The compiler of each node kind. Every kind of the schema language has one; a node whose kind
 * has none (a schema built in code without validation) is rejected with its path.
 */
public final class NodeCompilers {

    private static final Map<NodeType, NodeCompiler> COMPILERS = new EnumMap<>(NodeType.class);

    static {
        COMPILERS.put(NodeType.REF, new RefCompiler());
        COMPILERS.put(NodeType.SEQUENCE, new SequenceCompiler());
        COMPILERS.put(NodeType.SCAFFOLD, new ScaffoldCompiler());
        COMPILERS.put(NodeType.CONCURRENT, new ConcurrentCompiler());
        COMPILERS.put(NodeType.FILTER, new FilterCompiler());
        COMPILERS.put(NodeType.SWITCH, new SwitchCompiler());
        COMPILERS.put(NodeType.STREAM, new StreamCompiler());
        COMPILERS.put(NodeType.FALLBACK, new FallbackCompiler());
        COMPILERS.put(NodeType.HANDLE, new HandleCompiler());
        COMPILERS.put(NodeType.RETRY, new RetryCompiler());
        COMPILERS.put(NodeType.TIMEOUT, new TimeoutCompiler());
        COMPILERS.put(NodeType.CIRCUIT_BREAKER, new CircuitBreakerCompiler());
        COMPILERS.put(NodeType.RATE_LIMIT, new RateLimitCompiler());
        COMPILERS.put(NodeType.RACE, new RaceCompiler());
        COMPILERS.put(NodeType.CONTEST, new ContestCompiler());
        COMPILERS.put(NodeType.WORKER_POOL, new WorkerPoolCompiler());
    }

    private NodeCompilers() {
    }

    static NodeCompiler forNode(Node node) {
        NodeCompiler compiler = COMPILERS.get(node.type());
        if (compiler == null) {
            throw new CompileException(List.of(unsupported(node)));
        }
        return compiler;
    }

    /**
     * Rejects every node under {@code root} whose kind cannot be compiled yet, all at once, so
     * that the user sees every such node in one run.
     */
    public static void checkSupported(Node root) {
        List<String> problems = new ArrayList<>();
        collectUnsupported(root, problems);
        if (!problems.isEmpty()) {
            throw new CompileException(problems);
        }
    }

    private static void collectUnsupported(Node node, List<String> problems) {
        if (!COMPILERS.containsKey(node.type())) {
            problems.add(unsupported(node));
        }
        node.labelledChildren().values().forEach(child -> collectUnsupported(child, problems));
    }

    private static String compiledKinds() {
        List<String> kinds = new ArrayList<>();
        COMPILERS.keySet().forEach(type -> kinds.add(type.keyword()));
        return String.join(", ", kinds);
    }

    private static String unsupported(Node node) {
        String kind = node.type() == null ? "unknown" : node.type().keyword();
        return node.position() + ": " + node.path() + ": node kind '" + kind + "' is not compiled by this version yet"
                + " (validation accepts it); the compiled kinds are " + compiledKinds();
    }
}
