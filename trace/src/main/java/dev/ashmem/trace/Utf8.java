package dev.ashmem.trace;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding of trace files: an invalid sequence is a {@code file:line:col} error, never replaced. */
final class Utf8 {
    private Utf8() {
    }

    static String decode(String source, byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var in = ByteBuffer.wrap(bytes);
        var out = CharBuffer.allocate(bytes.length);
        var r = decoder.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int lineStart = 0;
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = new String(bytes, lineStart, at - lineStart, StandardCharsets.UTF_8).length() + 1;
            var bad = new StringBuilder();
            for (int i = at; i < Math.min(bytes.length, at + r.length()); i++) {
                bad.append(bad.isEmpty() ? "" : " ").append(String.format("0x%02x", bytes[i] & 0xff));
            }
            throw new TraceSyntaxException(source, line, column, "invalid UTF-8 (" + bad + "): traces are UTF-8 text");
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
