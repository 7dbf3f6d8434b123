package dev.ashmem.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable byte string stored run-length encoded: runs of at least {@link #RUN} equal bytes are a
 * value and a count, everything else literal bytes. A load or read of 2 GiB of mostly untouched memory
 * costs the memory of the bytes that were written, not of the length asked for. The form is
 * canonical (maximal runs, adjacent literals merged), so equal strings have equal pieces; equals and
 * hashCode agree with {@link Arrays#equals(byte[], byte[])} and {@link Arrays#hashCode(byte[])} of the
 * bytes. This is the shape of {@code hex:00{4096}} in the trace format.
 */
public final class ByteRuns {
    /** Runs at least this long are stored (and printed) as a value and a count. */
    public static final int RUN = 8;
    /** The longest string: the largest load or read length (an int). */
    public static final int MAX_LENGTH = Integer.MAX_VALUE;
    public static final ByteRuns EMPTY = new Builder().build();

    /** One piece of the string. */
    public sealed interface Piece permits Literal, Repeat {
        int length();
    }

    /** Bytes as they are (never containing a run of {@link #RUN} equal bytes). */
    public record Literal(byte[] bytes) implements Piece {
        @Override
        public int length() {
            return bytes.length;
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Literal l && Arrays.equals(bytes, l.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Literal[" + bytes.length + "]";
        }
    }

    /** {@code count} times the byte {@code value}. */
    public record Repeat(byte value, int count) implements Piece {
        @Override
        public int length() {
            return count;
        }
    }

    private final List<Piece> pieces;
    private final int length;

    private ByteRuns(List<Piece> pieces, int length) {
        this.pieces = pieces;
        this.length = length;
    }

    /** The string of {@code data}. */
    public static ByteRuns of(byte[] data) {
        return new Builder().append(data, 0, data.length).build();
    }

    /** {@code count} zero bytes, in constant memory. */
    public static ByteRuns zeros(int count) {
        return new Builder().repeat((byte) 0, count).build();
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** The pieces in order. */
    public List<Piece> pieces() {
        return pieces;
    }

    /** Bytes held in memory for this string (its literals), not its length. */
    public long literalBytes() {
        long n = 0;
        for (var p : pieces) {
            if (p instanceof Literal l) {
                n += l.bytes.length;
            }
        }
        return n;
    }

    /** The bytes as an array; for a long string this costs its full length. */
    public byte[] toArray() {
        var out = new byte[length];
        int at = 0;
        for (var p : pieces) {
            switch (p) {
                case Literal l -> System.arraycopy(l.bytes, 0, out, at, l.bytes.length);
                case Repeat r -> Arrays.fill(out, at, at + r.count, r.value);
            }
            at += p.length();
        }
        return out;
    }

    /** The first {@code min(n, length)} bytes. */
    public byte[] prefix(int n) {
        var out = new byte[Math.min(n, length)];
        int at = 0;
        for (var p : pieces) {
            if (at == out.length) {
                break;
            }
            int k = Math.min(p.length(), out.length - at);
            switch (p) {
                case Literal l -> System.arraycopy(l.bytes, 0, out, at, k);
                case Repeat r -> Arrays.fill(out, at, at + k, r.value);
            }
            at += k;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteRuns b && length == b.length && pieces.equals(b.pieces);
    }

    /** Arrays.hashCode of the bytes, with runs folded in by exponentiation (int arithmetic wraps alike). */
    @Override
    public int hashCode() {
        int h = 1;
        for (var p : pieces) {
            switch (p) {
                case Literal l -> {
                    for (byte b : l.bytes) {
                        h = 31 * h + b;
                    }
                }
                case Repeat r -> {
                    // n steps of h = 31h + v: h * 31^n + v * (31^(n-1) + ... + 1)
                    int pow = 1;
                    int geo = 0; // 1 + 31 + ... + 31^(n-1)
                    int base = 31;
                    int baseGeo = 1;
                    for (int n = r.count; n > 0; n >>>= 1) {
                        if ((n & 1) != 0) {
                            geo = geo * base + baseGeo;
                            pow *= base;
                        }
                        baseGeo = baseGeo * base + baseGeo;
                        base *= base;
                    }
                    h = h * pow + r.value * geo;
                }
            }
        }
        return h;
    }

    @Override
    public String toString() {
        return TraceText.hex(this);
    }

    /** Builds a string piece by piece in memory proportional to the literal bytes appended. */
    public static final class Builder {
        private final List<Piece> pieces = new ArrayList<>();
        /** Literal bytes not yet made a piece: literal[0, literalSize). */
        private byte[] literal = new byte[16];
        private int literalSize;
        private long length;
        /** The run being extended: its value and count (count 0: none). */
        private byte runValue;
        private long runCount;

        /** Appends {@code n} bytes of {@code src} from {@code off}. */
        public Builder append(byte[] src, int off, int n) {
            Objects.checkFromIndexSize(off, n, src.length);
            grow(n);
            int end = off + n;
            for (int i = off; i < end; ) {
                int j = i + 1;
                while (j < end && src[j] == src[i]) {
                    j++;
                }
                extend(src[i], j - i);
                i = j;
            }
            return this;
        }

        /** Appends one byte. */
        public Builder append(byte b) {
            grow(1);
            extend(b, 1);
            return this;
        }

        /** Appends {@code count} times {@code value}, in constant memory. */
        public Builder repeat(byte value, long count) {
            if (count < 0) {
                throw new IllegalArgumentException("negative repeat count " + count);
            }
            grow(count);
            if (count > 0) {
                extend(value, count);
            }
            return this;
        }

        /** The length so far. */
        public long length() {
            return length;
        }

        private void grow(long n) {
            if (n > MAX_LENGTH - length) {
                throw new IllegalArgumentException("byte string longer than " + MAX_LENGTH + " bytes: " + length + " + " + n);
            }
            length += n;
        }

        private void extend(byte value, long count) {
            if (runCount > 0 && runValue == value) {
                runCount += count;
                return;
            }
            endRun();
            runValue = value;
            runCount = count;
        }

        private void endRun() {
            if (runCount >= RUN) {
                flushLiteral();
                pieces.add(new Repeat(runValue, (int) runCount));
            } else if (runCount > 0) {
                int k = (int) runCount;
                if (literal.length - literalSize < k) {
                    literal = Arrays.copyOf(literal, Math.max(literalSize + k, Math.min(MAX_LENGTH - 8, literal.length * 2)));
                }
                Arrays.fill(literal, literalSize, literalSize + k, runValue);
                literalSize += k;
            }
            runCount = 0;
        }

        private void flushLiteral() {
            if (literalSize > 0) {
                pieces.add(new Literal(Arrays.copyOf(literal, literalSize)));
                literal = new byte[16];
                literalSize = 0;
            }
        }

        public ByteRuns build() {
            endRun();
            flushLiteral();
            return new ByteRuns(List.copyOf(pieces), (int) length);
        }
    }
}
