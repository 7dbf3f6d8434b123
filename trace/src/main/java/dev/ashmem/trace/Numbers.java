package dev.ashmem.trace;

import dev.ashmem.model.Abi;
import java.util.Optional;

/**
 * Numbers as traces write them: decimal (with an optional minus) or {@code 0x} hex, each holding any
 * 64-bit pattern. {@code 18446744073709551615}, {@code 0xffffffffffffffff} and {@code -1} are the same
 * bits; the operation decides whether they mean a signed or an unsigned value. This class reads them;
 * {@link dev.ashmem.model.TraceText} writes them.
 */
public final class Numbers {

    private Numbers() {
    }

    public static Optional<Long> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The value of an ASCII hex digit, or -1 (Character.digit would also take other scripts' digits). */
    public static int hexDigit(int c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** Any 64-bit pattern; throws NumberFormatException with a short reason. */
    public static long parse(String text) {
        if (text.isEmpty()) {
            throw new NumberFormatException("empty number");
        }
        boolean negative = text.startsWith("-");
        String body = negative ? text.substring(1) : text;
        long magnitude;
        if (body.startsWith("0x") || body.startsWith("0X")) {
            String hex = body.substring(2);
            if (hex.isEmpty() || hex.length() > 16 || !hex.chars().allMatch(c -> hexDigit(c) >= 0)) {
                throw new NumberFormatException("not a 64-bit hex number: " + text);
            }
            magnitude = Long.parseUnsignedLong(hex, 16);
        } else {
            if (body.isEmpty() || !body.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new NumberFormatException("not a number: " + text);
            }
            try {
                magnitude = Long.parseUnsignedLong(body);
            } catch (NumberFormatException e) {
                throw new NumberFormatException("does not fit in 64 bits: " + text);
            }
        }
        if (negative) {
            if (Long.compareUnsigned(magnitude, Long.MIN_VALUE) > 0) {
                throw new NumberFormatException("below -2^63: " + text);
            }
            return -magnitude;
        }
        return magnitude;
    }

    /** A value of a C int (-2^31 .. 2^31-1), or an unsigned one up to 2^32-1 read as its int bits. */
    public static int parseInt(String text) {
        long v = parse(text);
        if (v < Integer.MIN_VALUE || v > Abi.U32_MAX) {
            throw new NumberFormatException("does not fit in 32 bits: " + text);
        }
        return (int) v;
    }

    /** A u32 (0 .. 2^32-1). */
    public static long parseU32(String text) {
        long v = parse(text);
        if (v < 0 || v > Abi.U32_MAX) {
            throw new NumberFormatException("not a u32 (0 .. 4294967295): " + text);
        }
        return v;
    }

    /** A non-negative C int (0 .. 2^31-1). */
    public static int parseCount(String text) {
        long v = parse(text);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new NumberFormatException("not a length in 0 .. 2147483647: " + text);
        }
        return (int) v;
    }
}
