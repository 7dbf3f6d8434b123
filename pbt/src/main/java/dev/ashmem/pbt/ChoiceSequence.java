package dev.ashmem.pbt;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * An immutable recorded sequence of choices: every value a test case drew, each in [0, its bound].
 * A test case is a pure function of its choice sequence, so this is also the replay format.
 *
 * <p>Sequences are ordered shortlex (shorter first, then lexicographically), which is the order the
 * shrinker minimises: a smaller sequence means fewer and simpler draws.
 */
public final class ChoiceSequence implements Comparable<ChoiceSequence> {

    /**
     * Prefix of every encoding; bump it if the meaning of choices ever changes. v2: an integer range
     * spanning 0 is one zigzag index (v1 drew a sign, then a magnitude).
     */
    public static final String VERSION_TAG = "v2.";

    public static final ChoiceSequence EMPTY = new ChoiceSequence(new long[0]);

    private final long[] values;

    private ChoiceSequence(long[] values) {
        this.values = values;
    }

    /** Copies the given values; each must be non-negative. */
    public static ChoiceSequence of(long... values) {
        for (long v : values) {
            if (v < 0) throw new IllegalArgumentException("choices are non-negative, got " + v);
        }
        return new ChoiceSequence(values.clone());
    }

    static ChoiceSequence wrap(long[] values) {
        return new ChoiceSequence(values);
    }

    public int length() {
        return values.length;
    }

    public long get(int i) {
        return values[i];
    }

    public long[] toArray() {
        return values.clone();
    }

    long[] raw() {
        return values;
    }

    /** The compact text form: {@link #VERSION_TAG} followed by base64url (unpadded) of unsigned LEB128 varints. */
    public String encode() {
        var out = new ByteArrayOutputStream(values.length + 8);
        for (long v : values) {
            long rest = v;
            while ((rest & ~0x7FL) != 0) {
                out.write((int) ((rest & 0x7F) | 0x80));
                rest >>>= 7;
            }
            out.write((int) rest);
        }
        return VERSION_TAG + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /** Parses {@link #encode()}'s output; surrounding whitespace and quotes are tolerated. */
    public static ChoiceSequence decode(String encoded) {
        String text = encoded.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.startsWith("v1.")) {
            throw new IllegalArgumentException("a choice sequence of an older engine (v1; integers spanning 0 "
                    + "are drawn differently since " + VERSION_TAG + "): " + encoded
                    + "; rerun the search with its seed (-Dpbt.seed) to find the case again");
        }
        if (!text.startsWith(VERSION_TAG)) {
            throw new IllegalArgumentException(
                    "not a choice sequence encoding (expected prefix '" + VERSION_TAG + "'): " + encoded);
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text.substring(VERSION_TAG.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("corrupt choice sequence encoding: " + encoded, e);
        }
        long[] out = new long[bytes.length];
        int n = 0;
        int i = 0;
        while (i < bytes.length) {
            long v = 0;
            int shift = 0;
            while (true) {
                if (i >= bytes.length || shift > 63) {
                    throw new IllegalArgumentException("truncated varint in choice sequence: " + encoded);
                }
                int b = bytes[i++] & 0xFF;
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) break;
                shift += 7;
            }
            if (v < 0) throw new IllegalArgumentException("negative choice in encoding: " + encoded);
            out[n++] = v;
        }
        return new ChoiceSequence(Arrays.copyOf(out, n));
    }

    /** Shortlex comparison of raw arrays: the shrinker's notion of "simpler". */
    static int shortlex(long[] a, int aLen, long[] b, int bLen) {
        if (aLen != bLen) return Integer.compare(aLen, bLen);
        int mismatch = Arrays.mismatch(a, 0, aLen, b, 0, bLen);
        return mismatch < 0 ? 0 : Long.compare(a[mismatch], b[mismatch]);
    }

    @Override
    public int compareTo(ChoiceSequence other) {
        return shortlex(values, values.length, other.values, other.values.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChoiceSequence other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
