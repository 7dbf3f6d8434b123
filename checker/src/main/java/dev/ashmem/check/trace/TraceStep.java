package dev.ashmem.check.trace;

import dev.ashmem.model.Op;
import dev.ashmem.model.Result;

/** One line of a replayable trace: a driver call with its result, or a step of a shrinker thread. */
public sealed interface TraceStep {

    /**
     * A driver operation and what it returned.
     *
     * @param thread the caller thread (concurrency exploration), 0 otherwise
     * @param note   empty, or how the checked transition function's result differed from the model's
     */
    record Call(int thread, Op op, Result result, String note) implements TraceStep {
    }

    /**
     * A step of a shrinker thread run concurrently with the callers (CONC-PUNCH-UNLOCKED).
     *
     * @param step   mark, punch or release (the trace words shrink_mark, shrink_punch, shrink_release)
     * @param result the pages marked for mark, else 0
     * @param detail the pending punch for mark, else empty
     */
    record Shrinker(int thread, String step, long result, String detail) implements TraceStep {
    }
}
