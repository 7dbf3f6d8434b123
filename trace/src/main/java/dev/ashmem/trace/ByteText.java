package dev.ashmem.trace;

import dev.ashmem.model.ByteRuns;
import dev.ashmem.model.TraceText;

/**
 * Byte strings in traces. {@code hex:} followed by hex digit pairs, where a pair may be followed by
 * {@code {N}} to repeat that byte N times in all ({@code hex:00{4096}} is a zero page,
 * {@code hex:6869{3}0a} is "hiii\n"); {@code hex:} alone is empty. A C program can always print plain
 * pairs. Quoted strings ({@code "dev/ashmem\0"}) are the other form, see {@link Tokenizer}. This class reads
 * them; {@link TraceText} writes them.
 *
 * <p>Results are read run-length encoded ({@link ByteRuns}) and may be as long as any load or read
 * ({@link ByteRuns#MAX_LENGTH} bytes: {@code hex:00{2147483647}} costs no memory); an argument (the data
 * of a store, a name) is held as an array and may be at most {@link #MAX_ARGUMENT} bytes.
 */
public final class ByteText {
    public static final String PREFIX = TraceText.HEX_PREFIX;
    /** The longest byte string argument (store data, SET_NAME): 64 MiB, whose plain hex alone is {@link TraceParser#MAX_LINE} characters. */
    public static final int MAX_ARGUMENT = 1 << 26;

    private ByteText() {
    }

    /** The bytes of an argument token; IllegalArgumentException says what is wrong. */
    public static byte[] parseHex(String token) {
        try {
            return parseArgument(token, 1);
        } catch (TraceSyntaxException e) {
            throw new IllegalArgumentException(e.reason(), e);
        }
    }

    /** The bytes of a result token, run-length encoded; IllegalArgumentException says what is wrong. */
    public static ByteRuns parseRuns(String token) {
        try {
            return parseRuns(token, 1, ByteRuns.MAX_LENGTH);
        } catch (TraceSyntaxException e) {
            throw new IllegalArgumentException(e.reason(), e);
        }
    }

    /** An argument at {@code column}: errors point at the offending character. */
    static byte[] parseArgument(String token, int column) {
        return parseRuns(token, column, MAX_ARGUMENT).toArray();
    }

    /** A string of at most {@code max} bytes at {@code column}: errors point at the offending character. */
    static ByteRuns parseRuns(String token, int column, int max) {
        if (!token.startsWith(PREFIX)) {
            throw new TraceSyntaxException(column, "bytes must start with " + PREFIX + " (" + shortened(token) + ")");
        }
        var out = new ByteRuns.Builder();
        int base = column + PREFIX.length();
        String s = token.substring(PREFIX.length());
        int i = 0;
        int last = -1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '{') {
                int close = s.indexOf('}', i);
                if (last < 0) {
                    throw new TraceSyntaxException(base + i, "a repeat {N} must follow a hex digit pair");
                }
                if (close < 0) {
                    throw new TraceSyntaxException(base + i, "unclosed repeat count: '{' without '}'");
                }
                String digits = s.substring(i + 1, close);
                if (digits.isEmpty() || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    throw new TraceSyntaxException(base + i + 1, "a repeat count is a decimal number, found '" + shortened(digits) + "'");
                }
                long n = digits.length() > 12 ? Long.MAX_VALUE : Long.parseLong(digits);
                if (n < 1) {
                    throw new TraceSyntaxException(base + i + 1, "repeat count must be at least 1: {" + digits + "}");
                }
                if (n - 1 > max - out.length()) {
                    throw new TraceSyntaxException(base + i + 1, "repeat count too large: {" + shortened(digits) + "} makes "
                            + (digits.length() > 12 ? "more than 10^12" : Long.toString(out.length() - 1 + n))
                            + " bytes, at most " + max + " allowed here");
                }
                out.repeat((byte) last, n - 1);
                last = -1;
                i = close + 1;
                continue;
            }
            if (i + 1 >= s.length() || s.charAt(i + 1) == '{') {
                throw new TraceSyntaxException(base + i, "odd number of hex digits: '" + c + "' has no partner");
            }
            int hi = Numbers.hexDigit(c);
            int lo = Numbers.hexDigit(s.charAt(i + 1));
            if (hi < 0 || lo < 0 || c > 0x7f || s.charAt(i + 1) > 0x7f) {
                throw new TraceSyntaxException(base + i + (hi < 0 || c > 0x7f ? 0 : 1),
                        "not a hex digit pair: '" + s.substring(i, i + 2) + "'");
            }
            if (out.length() >= max) {
                throw new TraceSyntaxException(base + i, "byte string too long: more than " + max + " bytes allowed here");
            }
            last = hi << 4 | lo;
            out.append((byte) last);
            i += 2;
        }
        return out.build();
    }

    /** At most 40 characters of a token, for messages about huge ones. */
    static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
