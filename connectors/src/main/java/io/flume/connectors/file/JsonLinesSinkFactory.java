package io.flume.connectors.file;

import io.flume.connectors.ConnectorSettings;
import io.flume.connectors.Sink;
import io.flume.connectors.SinkFactory;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Creates {@code json-lines} sinks from {@code path} and {@code max-file-size}. */
public final class JsonLinesSinkFactory implements SinkFactory {

    static final String PATH = "path";
    static final String MAX_FILE_SIZE = "max-file-size";
    static final long DEFAULT_MAX_FILE_SIZE = 64L * 1024 * 1024;

    @Override
    public String type() {
        return "json-lines";
    }

    @Override
    public Sink create(ConnectorSettings settings) {
        String text = settings.requireString(PATH);
        Path path;
        try {
            path = Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw settings.invalid(PATH, "is not a valid file path (" + e.getReason() + ")", text);
        }
        if (path.getFileName() == null) {
            throw settings.invalid(PATH, "must name a file, such as /var/archive/major.jsonl", text);
        }
        long maxFileSize = settings.byteSize(MAX_FILE_SIZE, DEFAULT_MAX_FILE_SIZE);
        return new JsonLinesSink(settings.connector(), path, maxFileSize);
    }
}
