package dev.ashmem.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable byte string stored run-length encoded: runs of at least {@link #RUN} equal bytes are a
 * value and a count, everything else literal bytes. A load or read of 2 GiB of mostly untouched memory
 * costs the memory of the bytes that were written, not of the length asked for. {@link #pieces()} is
 * canonical (maximal runs, adjacent literals merged), so equal strings have equal pieces; equals and
 * hashCode agree with {@link Arrays#equals(byte[], byte[])} and {@link Arrays#hashCode(byte[])} of the
 * bytes. This is the shape of {@code hex:00{4096}} in the trace format.
 *
 * <p>The string is stored as it was built (whole appended arrays as literals, uniform ones as runs)
 * and made canonical only when its pieces are asked for: the differential suites build and compare
 * many 64 KiB reads per action and print almost none, and finding every run of 8 bytes costs a pass
 * per byte where comparing the stored arrays is a vectorised mismatch.
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

    /** The pieces as built: no empty piece, but runs may hide in literals and pieces may touch. */
    private final List<Piece> stored;
    private final int length;
    /** {@link #pieces()}, computed on first use (a benign race: every thread computes the same list). */
    private List<Piece> canonical;

    private ByteRuns(List<Piece> stored, int length) {
        this.stored = stored;
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

    /** The pieces in order, canonical: maximal runs of at least {@link #RUN}, adjacent literals merged. */
    public List<Piece> pieces() {
        var c = canonical;
        if (c == null) {
            var b = new Canonical();
            for (var p : stored) {
                switch (p) {
                    case Literal l -> b.append(l.bytes, 0, l.bytes.length);
                    case Repeat r -> b.extend(r.value, r.count);
                }
            }
            canonical = c = b.build();
        }
        return c;
    }

    /** Bytes held in memory for this string (its literals), not its length. */
    public long literalBytes() {
        long n = 0;
        for (var p : stored) {
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
        for (var p : stored) {
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
        for (var p : stored) {
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

    /** Byte-wise equality, walking both strings' stored pieces side by side. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ByteRuns b) || length != b.length) {
            return false;
        }
        int i = 0;
        int j = 0;
        int atI = 0;
        int atJ = 0;
        while (i < stored.size() && j < b.stored.size()) {
            var p = stored.get(i);
            var q = b.stored.get(j);
            int n = Math.min(p.length() - atI, q.length() - atJ);
            if (!sameBytes(p, atI, q, atJ, n)) {
                return false;
            }
            atI += n;
            atJ += n;
            if (atI == p.length()) {
                i++;
                atI = 0;
            }
            if (atJ == q.length()) {
                j++;
                atJ = 0;
            }
        }
        return true;
    }

    private static boolean sameBytes(Piece p, int atP, Piece q, int atQ, int n) {
        return switch (p) {
            case Literal l -> switch (q) {
                case Literal m -> Arrays.equals(l.bytes, atP, atP + n, m.bytes, atQ, atQ + n);
                case Repeat r -> uniform(l.bytes, atP, n, r.value);
            };
            case Repeat r -> switch (q) {
                case Literal m -> uniform(m.bytes, atQ, n, r.value);
                case Repeat t -> r.value == t.value;
            };
        };
    }

    /** Whether a[off, off+n) is n times v: the first byte is v and each byte equals the one before. */
    private static boolean uniform(byte[] a, int off, int n, byte v) {
        return n == 0 || (a[off] == v && Arrays.mismatch(a, off + 1, off + n, a, off, off + n - 1) < 0);
    }

    /** Arrays.hashCode of the bytes, with runs folded in by exponentiation (int arithmetic wraps alike). */
    @Override
    public int hashCode() {
        int h = 1;
        for (var p : stored) {
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
        /** Appends at least this long become a piece of their own. */
        private static final int DIRECT = 64;
        private final List<Piece> pieces = new ArrayList<>();
        /** Literal bytes not yet made a piece: literal[0, literalSize). */
        private byte[] literal = new byte[16];
        private int literalSize;
        private long length;
        /** The run being extended: its value and count (count 0: none). */
        private byte runValue;
        private long runCount;

        /** Appends {@code n} bytes of {@code src} from {@code off}: a uniform array as a run, else as it is. */
        public Builder append(byte[] src, int off, int n) {
            Objects.checkFromIndexSize(off, n, src.length);
            grow(n);
            if (n == 0) {
                return this;
            }
            if (runCount > 0 && uniform(src, off, n, runValue)) {
                runCount += n;
            } else if (n >= RUN && uniform(src, off, n, src[off])) {
                startRun(src[off], n);
            } else {
                endRun();
                if (n >= DIRECT) {
                    flushLiteral(); // a whole page or chunk: one copy, not a growing buffer and a second copy
                    pieces.add(new Literal(Arrays.copyOfRange(src, off, off + n)));
                } else {
                    ensureLiteral(n);
                    System.arraycopy(src, off, literal, literalSize, n);
                    literalSize += n;
                }
            }
            return this;
        }

        /** Appends one byte. */
        public Builder append(byte b) {
            grow(1);
            if (runCount > 0 && runValue == b) {
                runCount++;
            } else {
                startRun(b, 1);
            }
            return this;
        }

        /** Appends {@code count} times {@code value}, in constant memory. */
        public Builder repeat(byte value, long count) {
            if (count < 0) {
                throw new IllegalArgumentException("negative repeat count " + count);
            }
            grow(count);
            if (count > 0) {
                if (runCount > 0 && runValue == value) {
                    runCount += count;
                } else {
                    startRun(value, count);
                }
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

        private void startRun(byte value, long count) {
            endRun();
            runValue = value;
            runCount = count;
        }

        /** Ends the pending run: a piece when long, else bytes of the literal (a parsed byte at a time stays compact). */
        private void endRun() {
            if (runCount >= RUN) {
                flushLiteral();
                pieces.add(new Repeat(runValue, (int) runCount));
            } else if (runCount > 0) {
                int k = (int) runCount;
                ensureLiteral(k);
                Arrays.fill(literal, literalSize, literalSize + k, runValue);
                literalSize += k;
            }
            runCount = 0;
        }

        private void flushLiteral() {
            if (literalSize > 0) {
                pieces.add(new Literal(Arrays.copyOf(literal, literalSize)));
                literalSize = 0;
            }
        }

        private void ensureLiteral(int k) {
            if (literal.length - literalSize < k) {
                literal = Arrays.copyOf(literal, Math.max(literalSize + k, Math.min(MAX_LENGTH - 8, literal.length * 2)));
            }
        }

        public ByteRuns build() {
            endRun();
            flushLiteral();
            return new ByteRuns(List.copyOf(pieces), (int) length);
        }
    }

    /** Makes the canonical pieces: maximal runs of at least {@link #RUN}, literals merged. */
    private static final class Canonical {
        private final List<Piece> pieces = new ArrayList<>();
        /** Literal bytes not yet made a piece: literal[0, literalSize). */
        private byte[] literal = new byte[16];
        private int literalSize;
        /** The run being extended: its value and count (count 0: none). */
        private byte runValue;
        private long runCount;

        /** Appends {@code n} bytes of {@code src} from {@code off}. */
        void append(byte[] src, int off, int n) {
            int end = off + n;
            for (int i = off; i < end; ) {
                int j = i + 1;
                while (j < end && src[j] == src[i]) {
                    j++;
                }
                extend(src[i], j - i);
                i = j;
            }
        }

        void extend(byte value, long count) {
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

        List<Piece> build() {
            endRun();
            flushLiteral();
            return List.copyOf(pieces);
        }
    }
}
