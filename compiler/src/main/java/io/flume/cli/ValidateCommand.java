package io.flume.cli;

import io.flume.Flume;
import io.flume.config.ConfigException;
import io.flume.config.ValueSerdeCheck;
import io.flume.runtime.app.RunnerExtension;
import io.flume.runtime.config.AppConfig;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParseException;
import io.flume.validation.Problem;
import io.flume.validation.ValidationReport;
import io.flume.validation.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flume validate FILE…}: parses and validates schemas, or the schema of a config file,
 * and prints every problem as {@code FILE:LINE:COLUMN: PATH: message}, warnings included, then a
 * summary line.
 */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {
                "Parse and validate schemas, or the schema of an application config file.",
                "Prints every problem as FILE:LINE:COLUMN: PATH: message, warnings too, then a summary line.",
                "Exits with 1 when there is an error, and with 2 when a file cannot be read."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Schema files (YAML or JSON), or application config files that name their schema.")
    private List<Path> files;

    @Option(names = "--components", paramLabel = "NAME",
            description = "Component library to check references against: its short name (such as earthquakes) "
                    + "or class name. Overrides the config's.")
    private String components;

    @Option(names = "--structure-only",
            description = "Check the structure only, without a component library: node types, fields, counts, "
                    + "durations and names, but not whether components and streams exist.")
    private boolean structureOnly;

    private int errors;
    private int warnings;
    private int unusable;

    /** Validates every file, also after one that cannot be read, and exits with the worst outcome. */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path file : files) {
            try {
                validate(file, out);
            } catch (CommandFailedException e) {
                out.flush();
                err.println("flume: " + e.getMessage());
                err.flush();
                unusable++;
            }
        }
        out.println(summary());
        if (unusable > 0) {
            return ExitCodes.UNUSABLE;
        }
        return errors > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private void validate(Path file, PrintWriter out) {
        ApplicationInput input;
        try {
            input = ApplicationInput.open(file, components);
        } catch (ConfigException e) {
            e.problems().forEach(out::println);
            errors += e.problems().size();
            return;
        }

        Schema schema;
        try {
            schema = input.parseSchema();
        } catch (SchemaParseException e) {
            out.println(e.getMessage());
            errors++;
            return;
        }

        ValidationReport report;
        if (structureOnly) {
            report = new Validator().validateStructure(schema);
        } else {
            if (!input.hasComponents()) {
                throw CommandFailedException.unusable(file + ": no component library to check references against; pass "
                        + "--components NAME (a library's short name or class name), or --structure-only to check the "
                        + "structure alone");
            }
            Flume<?> flume = input.createComponents();
            input.config().ifPresent(config -> checkValueSerdes(config, flume, input.library().name(), out));
            report = new Validator().validate(schema, input.catalog(flume));
        }
        for (Problem problem : report.problems()) {
            out.println(problem);
        }
        errors += report.errors().size();
        warnings += report.warnings().size();
        input.config().ifPresent(config -> checkExtensions(config, out));
    }

    /** Checks the config's value serdes against the library's value type, as {@code flume run} does before it starts. */
    private void checkValueSerdes(AppConfig config, Flume<?> flume, String library, PrintWriter out) {
        List<String> problems = ValueSerdeCheck.problems(config, flume.valueType(), "component library '" + library + "'");
        problems.forEach(out::println);
        errors += problems.size();
    }

    /**
     * Runs the checks of the extensions on the class path, such as the connectors' check of their
     * types and settings, which the config loader cannot make because it does not know them.
     */
    private void checkExtensions(AppConfig config, PrintWriter out) {
        for (RunnerExtension extension : ServiceLoader.load(RunnerExtension.class)) {
            List<String> problems = extension.problems(config);
            problems.forEach(out::println);
            errors += problems.size();
        }
    }

    private String summary() {
        int validated = files.size() - unusable;
        String summary = "validated " + count(validated, "file") + ": " + count(errors, "error") + ", " + count(warnings, "warning");
        return unusable == 0 ? summary : summary + "; " + count(unusable, "file") + " could not be validated";
    }

    private static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
