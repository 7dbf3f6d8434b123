package dev.ashmem.trace;

import dev.ashmem.model.Result;
import dev.ashmem.model.TraceText;
import java.util.Arrays;
import java.util.Objects;

/**
 * The result column of a trace line: what an implementation observed, or what the model expects.
 * Like {@link Result}, plus {@link Bound} for the name an open, dup or mmap returned.
 */
public sealed interface Outcome {

    /** A plain return value (the kernel's long, or the int user space saw; see {@link ResultsMode}). */
    record Ret(long value) implements Outcome {
    }

    /** The handle or mapping an open, dup or mmap returned, by its trace name. */
    record Bound(Name name) implements Outcome {
        public Bound {
            Objects.requireNonNull(name);
        }
    }

    /** Bytes copied out: read, GET_NAME, load. */
    record Data(byte[] bytes) implements Outcome {
        public Data {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && Arrays.equals(d.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Data[" + TraceText.hex(bytes) + "]";
        }
    }

    /** A failure by errno name, e.g. EINVAL; names outside the model's errno set are kept as written. */
    record Err(String errno) implements Outcome {
        public Err {
            Objects.requireNonNull(errno);
        }
    }

    /** A memory fault of a load or store. */
    record Sig(Result.Signal signal) implements Outcome {
        public Sig {
            Objects.requireNonNull(signal);
        }
    }

    /**
     * The step cannot run at this point of a serial trace: it waits, as a PIN, UNPIN or GET_PIN_STATUS
     * does while a hole punch is in flight (PINARG-WAIT, CONC-INFLIGHT). Written {@code blocked}.
     */
    record Blocked() implements Outcome {
        public static final String WORD = "blocked";
    }
}
