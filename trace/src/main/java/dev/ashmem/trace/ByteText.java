package dev.ashmem.trace;

import java.io.ByteArrayOutputStream;

/**
 * Byte strings in traces. {@code hex:} followed by hex digit pairs, where a pair may be followed by
 * {@code {N}} to repeat that byte N times in all ({@code hex:00{4096}} is a zero page,
 * {@code hex:6869{3}0a} is "hiii\n"); {@code hex:} alone is empty. A C program can always print plain
 * pairs. Quoted strings ({@code "dev/ashmem\0"}) are the other form, see {@link Tokenizer}.
 */
public final class ByteText {
    public static final String PREFIX = "hex:";
    /** Runs at least this long are printed with a repeat count. */
    private static final int RUN = 8;

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

    /** {@code hex:} with runs of 8 or more equal bytes compressed. */
    public static String formatHex(byte[] data) {
        var sb = new StringBuilder(PREFIX);
        int i = 0;
        while (i < data.length) {
            int j = i;
            while (j < data.length && data[j] == data[i]) {
                j++;
            }
            int run = j - i;
            if (run >= RUN) {
                appendByte(sb, data[i]).append('{').append(run).append('}');
            } else {
                for (int k = 0; k < run; k++) {
                    appendByte(sb, data[i]);
                }
            }
            i = j;
        }
        return sb.toString();
    }

    private static StringBuilder appendByte(StringBuilder sb, byte b) {
        return sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }

    /** A C-style quoted string: printable ASCII as is, {@code \0 \n \t \\ \"} and {@code \xHH} for the rest. */
    public static String quote(byte[] data) {
        var sb = new StringBuilder("\"");
        for (byte b : data) {
            int c = b & 0xff;
            switch (c) {
                case 0 -> sb.append("\\0");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        sb.append((char) c);
                    } else {
                        sb.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Printable ASCII only (no NUL), and short: text that reads best quoted. */
    public static boolean printable(byte[] data) {
        if (data.length == 0 || data.length > 300) {
            return false;
        }
        for (byte b : data) {
            if (b < 0x20 || b >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** True when {@link #quote} reads better than hex: printable text, NULs allowed. */
    public static boolean textual(byte[] data) {
        int printable = 0;
        for (byte b : data) {
            if ((b >= 0x20 && b < 0x7f) || b == 0) {
                printable++;
            }
        }
        return data.length > 0 && data.length <= 300 && printable == data.length;
    }
}
