package dev.ashmem.model;

import java.util.HexFormat;

/**
 * What one operation of the driver surface gave back: a value, bytes, an errno, or a memory fault.
 * Results are values so that the model and any implementation can be compared with {@code equals}.
 */
public sealed interface Result permits Result.Value, Result.Bytes, Result.Error, Result.Fault {

    /** A successful return: the kernel's {@code long} (or a handle / mapping id for open, dup, mmap). */
    record Value(long value) implements Result {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /**
     * Bytes copied out: read(), GET_NAME (name plus terminator), a load through a mapping. Held run-length
     * encoded ({@link ByteRuns}), so a long result of untouched memory costs little.
     */
    record Bytes(ByteRuns runs) implements Result {
        public Bytes {
            java.util.Objects.requireNonNull(runs, "runs");
        }

        public Bytes(byte[] data) {
            this(ByteRuns.of(data));
        }

        /** The bytes as an array; for a long result this costs its full length. */
        public byte[] data() {
            return runs.toArray();
        }

        public int length() {
            return runs.length();
        }

        @Override
        public String toString() {
            int n = runs.length();
            return "bytes[" + n + "]:" + HexFormat.of().formatHex(runs.prefix(32)) + (n > 32 ? "..." : "");
        }
    }

    /** A failed syscall: the kernel returned {@code -errno}. */
    record Error(Errno errno) implements Result {
        public Error {
            java.util.Objects.requireNonNull(errno, "errno");
        }

        @Override
        public String toString() {
            return "-" + errno.name();
        }
    }

    /** A memory access through a mapping that the hardware refuses: SIGSEGV or SIGBUS. */
    record Fault(Signal signal) implements Result {
        public Fault {
            java.util.Objects.requireNonNull(signal, "signal");
        }

        @Override
        public String toString() {
            return signal.name();
        }
    }

    /** The signals a memory access can raise. */
    enum Signal { SIGSEGV, SIGBUS }

    /** The raw kernel return value: the value, or {@code -errno}; bytes count as their length. */
    default long raw() {
        return switch (this) {
            case Value v -> v.value();
            case Bytes b -> b.length();
            case Error e -> -e.errno().number();
            case Fault f -> throw new IllegalStateException("a fault has no return value: " + f);
        };
    }

    default boolean isError() {
        return this instanceof Error;
    }

    static Value ok(long value) {
        return new Value(value);
    }

    static Error err(Errno errno) {
        return new Error(errno);
    }

    Value ZERO = new Value(0);
}
