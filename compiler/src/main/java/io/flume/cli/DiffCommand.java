package io.flume.cli;

import io.flume.Flume;
import io.flume.compiler.CompileException;
import io.flume.compiler.CompiledTopology;
import io.flume.config.ConfigException;
import io.flume.diff.PlaceholderComponents;
import io.flume.diff.SchemaDiff;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParseException;
import io.flume.validation.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flume diff OLD NEW}: compiles two schemas and prints their node, store, topic and stream
 * differences, and whether replacing the running OLD with NEW is live, needs a restart, or would
 * drop state.
 */
@Command(name = "diff",
        mixinStandardHelpOptions = true,
        description = {
                "Compare two schemas for a running application: node, store, topic and stream differences, and the verdict.",
                "Without a component library, every component the schemas name is a placeholder: the topology's shape, "
                        + "stores and topics depend on the schema alone.",
                "Exits with 0 when nothing or only live parameters differ, 1 when a restart is needed, 3 when the new "
                        + "schema would drop state, and 2 when a file is missing or invalid."})
final class DiffCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The running schema, or an application config that names it.")
    private Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "The new schema, or an application config that names it.")
    private Path newFile;

    @Option(names = "--components", paramLabel = "NAME",
            description = "Component library to compile with instead of placeholders: its short name or class name.")
    private String components;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (CompiledTopology<?> before = compile(oldFile, err); CompiledTopology<?> after = compile(newFile, err)) {
            if (before == null || after == null) {
                return ExitCodes.UNUSABLE;
            }
            SchemaDiff diff = SchemaDiff.of(before, after);
            out.print(diff.format());
            return switch (diff.verdict()) {
                case NONE, LIVE -> ExitCodes.OK;
                case RESTART -> ExitCodes.FAILED;
                case DROPS_STATE -> ExitCodes.DROPS_STATE;
            };
        }
    }

    /** Validates and compiles one side, or prints why it cannot and returns null. */
    private CompiledTopology<?> compile(Path file, PrintWriter err) {
        ApplicationInput input;
        Schema schema;
        try {
            input = ApplicationInput.open(file, components);
            schema = input.parseSchema();
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            return null;
        } catch (SchemaParseException e) {
            err.println(e.getMessage());
            return null;
        }
        Flume<?> flume = input.hasComponents() ? input.createComponents() : PlaceholderComponents.forSchemas(schema.root());
        return compile(input, schema, flume, err);
    }

    private static <T> CompiledTopology<T> compile(ApplicationInput input, Schema schema, Flume<T> flume, PrintWriter err) {
        ValidationReport report = flume.validate(schema, input.catalog(flume));
        report.errors().forEach(err::println);
        if (!report.isValid()) {
            return null;
        }
        try {
            return flume.compileValidated(schema, input.compileOptions());
        } catch (CompileException e) {
            err.println(schema.source() + ": the schema does not compile:");
            e.problems().forEach(problem -> err.println("  " + problem));
            return null;
        }
    }
}
