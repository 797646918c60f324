package io.flume.compiler;

import io.flume.Flume;
import io.flume.Pipeline;
import io.flume.compiler.nodes.InlineBuild;
import io.flume.compiler.nodes.NodeCompilers;
import io.flume.runtime.inline.InlineExecutor;
import io.flume.runtime.inline.Step;
import io.flume.schema.Schema;

/** Compiles a validated schema into plain Java functions, for in-process execution. */
public final class InlineCompiler {

    private InlineCompiler() {
    }

    public static <T> Pipeline<T> compile(Schema schema, Flume<T> flume, CompileOptions options) {
        NodeCompilers.checkSupported(schema.root());
        NodeNames names = NodeNames.of(schema.root());
        // Starts no thread until a timeout node runs, so a failed compilation leaves nothing to close.
        InlineExecutor executor = new InlineExecutor(options.inlineThreads());
        Step<T> root = new InlineBuild<>(flume, names, options, executor).compile(schema.root());
        return new Pipeline<>(schema, root, names.byPath(), options.clock(), executor);
    }
}
