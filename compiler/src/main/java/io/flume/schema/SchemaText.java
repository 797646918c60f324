package io.flume.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a schema's text within the size limit: never more than the limit plus one byte from a
 * file, and the position of the first byte over the limit for the error.
 */
final class SchemaText {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private SchemaText() {
    }

    /**
     * Reads {@code file} as UTF-8.
     *
     * @throws SchemaParseException when the file is over the size limit or not valid UTF-8
     */
    static String read(Path file, String source, ParserLimits limits) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(limits.maxDocumentBytes() + 1);
        }
        if (bytes.length > limits.maxDocumentBytes()) {
            throw tooLarge(bytes, source, limits);
        }
        return stripByteOrderMark(decode(bytes, source));
    }

    /**
     * Checks that {@code text} is within the size limit once encoded as UTF-8.
     *
     * @throws SchemaParseException when it is not
     */
    static String check(String text, String source, ParserLimits limits) {
        // Each char encodes to at most 3 bytes of UTF-8 (a surrogate pair to 4 for 2 chars), so
        // short texts need no encoding to be checked.
        if ((long) text.length() * 3 > limits.maxDocumentBytes()) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > limits.maxDocumentBytes()) {
                throw tooLarge(bytes, source, limits);
            }
        }
        return stripByteOrderMark(text);
    }

    private static SchemaParseException tooLarge(byte[] bytes, String source, ParserLimits limits) {
        String withinLimit = new String(bytes, 0, limits.maxDocumentBytes(), StandardCharsets.UTF_8);
        return new SchemaParseException(positionAfter(withinLimit, source), limits.documentTooLarge());
    }

    private static String decode(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            String before = out.flip().toString();
            throw new SchemaParseException(positionAfter(before, source), "the file is not valid UTF-8 (byte "
                    + (in.position() + 1) + " is malformed); save it as UTF-8");
        }
        return out.flip().toString();
    }

    /** Returns the 1-based position just after {@code prefix}. */
    private static SourcePosition positionAfter(String prefix, String source) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < prefix.length(); i++) {
            if (prefix.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = prefix.codePointCount(lineStart, prefix.length()) + 1;
        return new SourcePosition(source, line, column);
    }

    private static String stripByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }
}
