package dev.ashmem.trace;

import dev.ashmem.model.TraceText;
import java.io.ByteArrayOutputStream;

/**
 * Byte strings in traces. {@code hex:} followed by hex digit pairs, where a pair may be followed by
 * {@code {N}} to repeat that byte N times in all ({@code hex:00{4096}} is a zero page,
 * {@code hex:6869{3}0a} is "hiii\n"); {@code hex:} alone is empty. A C program can always print plain
 * pairs. Quoted strings ({@code "dev/ashmem\0"}) are the other form, see {@link Tokenizer}. This class reads
 * them; {@link TraceText} writes them.
 */
public final class ByteText {
    public static final String PREFIX = TraceText.HEX_PREFIX;

    private ByteText() {
    }

    public static byte[] parseHex(String token) {
        if (!token.startsWith(PREFIX)) {
            throw new IllegalArgumentException("bytes must start with hex: (" + token + ")");
        }
        var out = new ByteArrayOutputStream();
        String s = token.substring(PREFIX.length());
        int i = 0;
        int last = -1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '{') {
                int close = s.indexOf('}', i);
                if (last < 0 || close < 0) {
                    throw new IllegalArgumentException("a repeat {N} must follow a byte and be closed: " + token);
                }
                long n;
                try {
                    n = Long.parseLong(s.substring(i + 1, close));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad repeat count in " + token);
                }
                if (n < 1 || n > (1 << 28)) {
                    throw new IllegalArgumentException("repeat count must be 1 .. 2^28: " + token);
                }
                for (long k = 1; k < n; k++) {
                    out.write(last);
                }
                last = -1;
                i = close + 1;
                continue;
            }
            if (i + 1 >= s.length()) {
                throw new IllegalArgumentException("odd number of hex digits in " + token);
            }
            int hi = Character.digit(c, 16);
            int lo = Character.digit(s.charAt(i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a hex digit pair '" + s.substring(i, i + 2) + "' in " + token);
            }
            last = hi << 4 | lo;
            out.write(last);
            i += 2;
        }
        return out.toByteArray();
    }
}
