package dev.ashmem.trace;

import dev.ashmem.model.ByteRuns;
import dev.ashmem.model.Result;
import dev.ashmem.model.TraceText;
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

    /** Bytes copied out: read, GET_NAME, load; run-length encoded, so {@code hex:00{2147483647}} is small. */
    record Data(ByteRuns runs) implements Outcome {
        public Data {
            Objects.requireNonNull(runs, "runs");
        }

        public Data(byte[] bytes) {
            this(ByteRuns.of(bytes));
        }

        /** The bytes as an array; for a long result this costs its full length. */
        public byte[] bytes() {
            return runs.toArray();
        }

        @Override
        public String toString() {
            return "Data[" + TraceText.hex(runs) + "]";
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
