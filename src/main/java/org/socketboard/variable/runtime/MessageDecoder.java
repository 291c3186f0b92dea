package org.socketboard.variable.runtime;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.socketboard.service.inference.LenientJson;
import org.socketboard.service.inference.MessageContent;
import org.socketboard.service.inference.ReadProblem;
import org.socketboard.service.inference.SampleReader;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one whole upstream message into Jackson trees, as {@link SampleReader#readMessage} reads
 * samples (so live records have the fields inference showed): JSON, one or more documents per frame
 * (newline-delimited, concatenated), each a message of its own, read as leniently as Python's
 * {@code json} and a browser's {@code fetch().json()} ({@code NaN}/{@code Infinity} as null, a byte
 * order mark skipped); XML through the hardened reader (no DTD, no external entities); anything else
 * as a text record {@code {"text": "..."}}. Bad input never throws: it gives a {@link DecodeResult}
 * with a reason per bad part (line, column, excerpt), keeping the good documents around it.
 * Thread-safe; one instance can serve every connection.
 */
public final class MessageDecoder {

    public static final int DEFAULT_MAX_MESSAGE_CHARS = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_NESTING_DEPTH = SampleReader.DEFAULT_MAX_NESTING_DEPTH;

    private final int maxMessageChars;
    private final SampleReader reader;

    public MessageDecoder() {
        this(DEFAULT_MAX_MESSAGE_CHARS, DEFAULT_MAX_NESTING_DEPTH);
    }

    public MessageDecoder(int maxMessageChars, int maxNestingDepth) {
        this.maxMessageChars = maxMessageChars;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxDocumentLength(maxMessageChars)
                .build();
        this.reader = new SampleReader(constraints);
    }

    public int maxMessageChars() {
        return maxMessageChars;
    }

    /** A text frame (or text already assembled from fragments). */
    public DecodeResult decodeText(CharSequence message) {
        if (message.length() > maxMessageChars) {
            return DecodeResult.failed("The message has " + message.length() + " characters, more than the limit of " + maxMessageChars);
        }
        MessageContent content = reader.readMessage(message.toString());
        List<ReadProblem> problems = content.problems();
        if (problems.isEmpty()) {
            return new DecodeResult(content.documents(), List.of());
        }
        List<String> errors = new ArrayList<>(problems.size());
        for (ReadProblem problem : problems) {
            errors.add(problem.message());
        }
        return new DecodeResult(content.documents(), errors);
    }

    /**
     * A binary frame: UTF-8 text in one of the formats above. Invalid UTF-8 inside JSON or XML becomes
     * U+FFFD, as a browser's decoding does; other bytes that are not UTF-8 text are refused, naming
     * where the first bad byte is.
     */
    public DecodeResult decodeBinary(ByteBuffer message) {
        if (message.remaining() > maxMessageChars) {
            return DecodeResult.failed("The message has " + message.remaining() + " bytes, more than the limit of " + maxMessageChars);
        }
        ByteBuffer bytes = message.duplicate();
        CharBuffer text = CharBuffer.allocate(bytes.remaining());
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes, text, true);
        if (!result.isError()) {
            return decodeText(text.flip());
        }
        String replaced = StandardCharsets.UTF_8.decode(message.duplicate()).toString();
        if (isStructured(replaced)) {
            return decodeText(replaced);
        }
        return DecodeResult.failed(notUtf8(text.flip().toString(), message.get(bytes.position())));
    }

    /** JSON or XML after blanks (and a byte order mark): what a browser would still try to read. */
    private static boolean isStructured(String text) {
        String content = LenientJson.withoutByteOrderMark(text).stripLeading();
        return !content.isEmpty() && (content.charAt(0) == '{' || content.charAt(0) == '[' || content.charAt(0) == '<');
    }

    /** Where the first byte that is not UTF-8 stands, counted in the characters before it. */
    private static String notUtf8(String before, byte bad) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = before.length() - lineStart + 1;
        String excerpt = before.substring(Math.max(lineStart, before.length() - 24)).replaceAll("\\p{Cntrl}", "?");
        return String.format(Locale.ROOT, "The binary message is not UTF-8 text: at line %d, column %d the byte 0x%02X "
                + "does not start a valid character, near “%s” (then the byte)", line, column, bad & 0xFF, excerpt);
    }
}
