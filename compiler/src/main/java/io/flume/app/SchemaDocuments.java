package io.flume.app;

import io.flume.runtime.http.HttpEndpoint.SchemaDocument;
import io.flume.schema.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Builds the {@code /schema} document of a parsed schema. */
final class SchemaDocuments {

    /** The name of an application's one schema until schemas are registered by name. */
    static final String DEFAULT_NAME = "default";

    private static final int HASH_HEX_DIGITS = 12;

    private SchemaDocuments() {
    }

    /**
     * Returns the document of {@code schema}: the text of its source file (null for a schema
     * built in code or whose file can no longer be read) and its {@code version} key, or, without
     * one, {@code sha256:} and the first 12 hex digits of the text's SHA-256.
     */
    static SchemaDocument of(String name, Schema schema) {
        String text = readSource(schema.source());
        String version = schema.version() != null ? schema.version()
                : text != null ? "sha256:" + sha256(text).substring(0, HASH_HEX_DIGITS) : null;
        return new SchemaDocument(name, version, schema.source(), text);
    }

    private static String readSource(String source) {
        try {
            Path path = Path.of(source);
            return Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
        } catch (InvalidPathException | IOException e) {
            return null;
        }
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
