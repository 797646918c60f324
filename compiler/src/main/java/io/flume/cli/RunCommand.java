package io.flume.cli;

import io.flume.app.FlumeApplication;
import io.flume.app.SchemaWatcher;
import io.flume.compiler.CompileException;
import io.flume.config.ConfigException;
import io.flume.runtime.app.StreamsRunner;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConfigKeys;
import io.flume.runtime.config.HttpConfig;
import io.flume.runtime.time.GoDuration;
import io.flume.schema.SchemaParseException;
import io.flume.validation.ValidationException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flume run FILE}: runs an application on Kafka Streams, on the cluster its config names
 * or on the embedded broker. With {@code --input}, it first produces a JSON-lines or CSV file
 * into the source topic, waits until every record was processed, prints what each stream
 * received and exits; otherwise it runs until interrupted.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
                "Run an application on Kafka Streams.",
                "Without bootstrap.servers in the config, an embedded single-node Kafka broker starts on 127.0.0.1 "
                        + "and the topics are created. A schema file without a config reads the topic 'input' and "
                        + "writes each stream to a topic of its own name.",
                "With --input, the file is produced into the first source topic; the command prints progress, waits "
                        + "until every record was processed, prints the records per stream and exits. Without "
                        + "--input it runs until Ctrl-C (SIGINT) or SIGTERM."})
final class RunCommand implements Callable<Integer> {

    /** How often {@code --watch} reads the schema file; a change applies after one more unchanged read. */
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE",
            description = "An application config file that names its schema and components, or a schema file with --components.")
    private Path file;

    @Option(names = "--components", paramLabel = "NAME",
            description = "Component library: its short name (such as earthquakes) or class name. Overrides the config's.")
    private String components;

    @Option(names = "--input", paramLabel = "FILE",
            description = "A JSON-lines file (one document per line) or a CSV file with a header row (.csv), "
                    + "produced into the first source topic before waiting for the results.")
    private Path input;

    @Option(names = "--key-field", paramLabel = "FIELD", defaultValue = "id",
            description = "Top-level field of each input record whose value becomes the record key (default: ${DEFAULT-VALUE}); "
                    + "records without it get no key.")
    private String keyField;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "How long to wait for the input to be processed, as a Go duration such as 90s or 10m "
                    + "(default: ${DEFAULT-VALUE}).")
    private String timeout;

    @Option(names = "--drain-timeout", paramLabel = "DURATION",
            description = "With --input, how long to wait after the input was processed until every connector and channel "
                    + "consumer has caught up with its stream topic, as a Go duration (default: the --timeout value). "
                    + "When it passes, the command says what is outstanding and exits with code 4.")
    private String drainTimeout;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Serve /health, /metrics (Prometheus), /topology and /schema over HTTP on this TCP port "
                    + "(0 picks a free one), on the config's http.host or 127.0.0.1. Overrides the config's http.port; "
                    + "off unless this option or the config's http section is given.")
    private Integer httpPort;

    @Option(names = "--keep-running",
            description = "With --input, keep running after the input was processed, until interrupted.")
    private boolean keepRunning;

    @Option(names = "--watch",
            description = "Reload the schema when its file changes: parameter changes apply to the running processors, "
                    + "shape changes restart Kafka Streams, invalid files are reported and ignored.")
    private boolean watch;

    @Option(names = "--allow-state-loss",
            description = "With --watch, apply schema changes even when they drop or rename stores or internal topics "
                    + "of the running topology, losing what they hold.")
    private boolean allowStateLoss;

    private Path schemaFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration wait = parseTimeout("--timeout", timeout);
        Duration drainWait = drainTimeout == null ? wait : parseTimeout("--drain-timeout", drainTimeout);
        if (httpPort != null && (httpPort < 0 || httpPort > 65535)) {
            throw CommandFailedException.unusable("invalid --http-port " + httpPort
                    + "; use a TCP port from 1 to 65535, or 0 for a free one");
        }
        if (input != null && Files.isDirectory(input)) {
            throw CommandFailedException.unusable(input + ": --input is a directory; give a JSON-lines or CSV file");
        }
        if (input != null && !Files.isRegularFile(input)) {
            throw CommandFailedException.unusable(input + ": input file not found");
        }
        if (input != null) {
            RunSession.checkInput(input, keyField);
        }

        FlumeApplication<?> app;
        try {
            app = open();
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            return ExitCodes.FAILED;
        } catch (SchemaParseException e) {
            err.println(e.getMessage());
            return ExitCodes.FAILED;
        } catch (ValidationException e) {
            err.println(e.report().format());
            return ExitCodes.FAILED;
        } catch (CompileException e) {
            e.problems().forEach(err::println);
            return ExitCodes.FAILED;
        }
        return run(app, out, err, wait, drainWait);
    }

    private FlumeApplication<?> open() {
        ApplicationInput application = ApplicationInput.open(file, components);
        schemaFile = application.schemaFile();
        AppConfig config = withHttpPort(application.config().orElseGet(FlumeApplication::defaultConfig));
        return FlumeApplication.create(config, application.library(), application.parseSchema());
    }

    private AppConfig withHttpPort(AppConfig config) {
        if (httpPort == null) {
            return config;
        }
        String host = config.http().map(HttpConfig::host).orElse(ConfigKeys.DEFAULT_HTTP_HOST);
        return config.toBuilder().http(new HttpConfig(host, httpPort)).build();
    }

    private int run(FlumeApplication<?> app, PrintWriter out, PrintWriter err, Duration wait, Duration drainWait)
            throws Exception {
        app.validation().warnings().forEach(err::println);
        try (app) {
            StreamsRunner runner = RunSession.start(app);
            RunSession session = new RunSession(app, out, err);
            session.printStarted(runner);
            if (input != null) {
                boolean done = session.produceAndAwait(input, keyField, wait);
                if (!done) {
                    session.printSummary();
                    return ExitCodes.FAILED;
                }
                if (!keepRunning) {
                    boolean drained = session.awaitDrained(runner, drainWait);
                    session.printSummary();
                    return drained ? ExitCodes.OK : ExitCodes.DRAIN_TIMEOUT;
                }
                session.printSummary();
            }
            out.println("Running until interrupted (Ctrl-C)");
            out.flush();
            try (SchemaWatcher watcher = watch ? watch(app, err) : null) {
                app.runner().orElseThrow().awaitTermination(Duration.ofDays(3650));
            }
            session.printSummary();
            return app.runner().orElseThrow().failure().isPresent() ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    private SchemaWatcher watch(FlumeApplication<?> app, PrintWriter err) throws java.io.IOException {
        err.println("Watching " + schemaFile + " for changes");
        err.flush();
        return SchemaWatcher.start(app, schemaFile, WATCH_INTERVAL, allowStateLoss, message -> {
            synchronized (err) {
                err.println(message);
                err.flush();
            }
        });
    }

    private static Duration parseTimeout(String option, String value) {
        try {
            Duration parsed = GoDuration.parse(value);
            if (parsed.isNegative() || parsed.isZero()) {
                throw new IllegalArgumentException("it must be positive");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw CommandFailedException.unusable("invalid " + option + " '" + value + "': " + e.getMessage());
        }
    }
}
