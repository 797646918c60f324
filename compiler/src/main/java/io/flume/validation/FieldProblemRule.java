package io.flume.validation;

import io.flume.schema.FieldProblem;
import io.flume.schema.Node;
import java.util.List;

/** Reports the values the parser recorded as having the wrong shape. */
final class FieldProblemRule implements NodeRule {

    @Override
    public void check(Node node, List<Node> ancestors, Problems problems) {
        for (FieldProblem problem : node.problems()) {
            problems.error(problem.path(), problem.position(), problem.message());
        }
    }
}
