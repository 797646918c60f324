package io.flume.cli;

import io.flume.Flume;
import io.flume.compiler.CompileException;
import io.flume.compiler.CompiledTopology;
import io.flume.compiler.TopologyCompiler;
import io.flume.compiler.TopologyDiagrams;
import io.flume.config.ConfigException;
import io.flume.schema.Node;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParseException;
import io.flume.validation.ValidationReport;
import io.flume.validation.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flume describe FILE}: compiles a schema and prints its topology, as Kafka Streams'
 * own description after a header of topics and node names, or as a Mermaid or Graphviz DOT
 * diagram.
 */
@Command(name = "describe",
        mixinStandardHelpOptions = true,
        description = {
                "Compile a schema and print the Kafka Streams topology.",
                "The text format starts with the source topics, the topic of each stream, the dead-letter topic and "
                        + "the stable name of each node by schema path; mermaid and dot print only the diagram.",
                "Validation problems go to standard error; exits with 1 when the schema has errors."})
final class DescribeCommand implements Callable<Integer> {

    /** The output formats of {@code --format}. */
    enum Format {
        text, mermaid, dot
    }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE",
            description = "An application config file that names its schema and components, or a schema file with --components.")
    private Path file;

    @Option(names = "--components", paramLabel = "NAME",
            description = "Component library: its short name (such as earthquakes) or class name. Overrides the config's.")
    private String components;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        ApplicationInput input;
        Schema schema;
        try {
            input = ApplicationInput.open(file, components);
            schema = input.parseSchema();
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            return ExitCodes.FAILED;
        } catch (SchemaParseException e) {
            err.println(e.getMessage());
            return ExitCodes.FAILED;
        }
        return describe(input, schema, input.createComponents(), out, err);
    }

    private <T> int describe(ApplicationInput input, Schema schema, Flume<T> flume, PrintWriter out, PrintWriter err) {
        ValidationReport report = new Validator().validate(schema, input.catalog(flume));
        report.problems().forEach(err::println);
        if (!report.isValid()) {
            return ExitCodes.FAILED;
        }

        CompiledTopology<T> compiled;
        try {
            compiled = TopologyCompiler.compile(schema, flume, input.compileOptions());
        } catch (CompileException e) {
            err.println(schema.source() + ": the schema does not compile:");
            e.problems().forEach(problem -> err.println("  " + problem));
            return ExitCodes.FAILED;
        }

        switch (format) {
            case text -> printText(compiled, out);
            case mermaid -> out.print(TopologyDiagrams.mermaid(compiled.description()));
            case dot -> out.print(TopologyDiagrams.dot(compiled.description()));
        }
        return ExitCodes.OK;
    }

    private static void printText(CompiledTopology<?> compiled, PrintWriter out) {
        out.println("Source topics: " + String.join(", ", compiled.sourceTopics()));
        out.println("Streams:");
        if (compiled.streamTopics().isEmpty() && compiled.directChannels().isEmpty()) {
            out.println("  (none)");
        }
        compiled.streamTopics().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(stream -> out.println("  " + stream.getKey() + " -> topic " + stream.getValue()));
        compiled.directChannels().keySet().stream().sorted()
                .forEach(stream -> out.println("  " + stream + " -> direct channel"));
        out.println("Dead-letter topic: " + compiled.deadLetterTopic());
        out.println("Nodes (schema path -> node name):");
        Map<String, String> names = compiled.nodeNames();
        int width = names.keySet().stream().mapToInt(String::length).max().orElse(0);
        printNode(compiled.schema().root(), names, width, out);
        out.println();
        out.print(compiled.describe());
    }

    /** Prints the nodes in source order, which the paths' alphabetical order would not give. */
    private static void printNode(Node node, Map<String, String> names, int width, PrintWriter out) {
        out.println("  " + String.format("%-" + width + "s", node.path()) + " -> " + names.get(node.path()));
        for (Node child : node.labelledChildren().values()) {
            printNode(child, names, width, out);
        }
    }
}
