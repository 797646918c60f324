package io.flume.jsonschema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Extracts the fenced code blocks of one language from a Markdown file, for tests of the docs. */
public final class MarkdownBlocks {

    /** A fenced block and the line its fence opens on. */
    public record Block(Path file, int line, String text) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    private MarkdownBlocks() {
    }

    /** Returns every block fenced with {@code ```LANGUAGE}, indented or not, in file order. */
    public static List<Block> of(Path file, String language) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        List<Block> blocks = new ArrayList<>();
        int start = -1;
        String indent = "";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (start < 0 && trimmed.equals("```" + language)) {
                start = i + 1;
                indent = line.substring(0, line.indexOf('`'));
                text.setLength(0);
            } else if (start >= 0 && trimmed.equals("```")) {
                blocks.add(new Block(file, start, text.toString()));
                start = -1;
            } else if (start >= 0) {
                text.append(line.startsWith(indent) ? line.substring(indent.length()) : line).append('\n');
            }
        }
        return blocks;
    }
}
