package io.flume.app;

import io.flume.schema.Schema;
import io.flume.schema.SchemaParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a running application when its schema file changes ({@code flume run --watch}). The
 * file is polled every {@code interval}; a change is applied once the file's content has stayed
 * the same for one more interval, so that an editor's partial writes are never read. A file that
 * cannot be read or parsed, or a schema with errors, is reported and ignored: the running schema
 * keeps running, and the next change of the file is tried again.
 *
 * <p>Polling rather than a {@code WatchService}: editors replace files by renaming, which some
 * file systems report late or not at all, and one small read per interval costs nothing.
 */
public final class SchemaWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaWatcher.class);

    private final FlumeApplication<?> app;
    private final Path file;
    private final boolean allowStateLoss;
    private final Consumer<String> report;
    private final ScheduledExecutorService poller;
    private byte[] applied;
    private byte[] pending;

    private SchemaWatcher(FlumeApplication<?> app, Path file, boolean allowStateLoss, Consumer<String> report) throws IOException {
        this.app = app;
        this.file = file;
        this.allowStateLoss = allowStateLoss;
        this.report = report;
        this.applied = Files.readAllBytes(file);
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "flume-schema-watcher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts watching {@code file}, the schema {@code app} runs now.
     *
     * @param report receives one message per reload attempt: what was applied, or why not
     */
    public static SchemaWatcher start(FlumeApplication<?> app, Path file, Duration interval, boolean allowStateLoss,
                                      Consumer<String> report) throws IOException {
        SchemaWatcher watcher = new SchemaWatcher(app, file, allowStateLoss, report);
        watcher.poller.scheduleWithFixedDelay(watcher::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Watching {} for schema changes every {} ms", file, interval.toMillis());
        return watcher;
    }

    private void poll() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            // Editors briefly remove the file while replacing it; the next poll reads it again.
            return;
        }
        if (Arrays.equals(content, applied)) {
            pending = null;
            return;
        }
        if (!Arrays.equals(content, pending)) {
            pending = content;
            return;
        }
        pending = null;
        applied = content;
        reload();
    }

    private void reload() {
        try {
            Schema schema = app.flume().parseSchema(file);
            ReloadResult result = app.reload(schema, allowStateLoss);
            String message = file + ": " + result.message();
            if (result.outcome() == ReloadResult.Outcome.REFUSED || result.outcome() == ReloadResult.Outcome.INVALID) {
                LOG.warn("Schema change ignored: {}", message);
            } else {
                LOG.info("Schema reloaded: {}", message);
            }
            report.accept(message);
        } catch (SchemaParseException e) {
            report.accept(e.getMessage() + " (the file is ignored; the running schema keeps running)");
        } catch (IOException | RuntimeException e) {
            LOG.warn("Reloading {} failed", file, e);
            report.accept(file + ": reload failed: " + e);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
