package dev.ashmem.pbt;

import java.util.List;
import java.util.Map;

/**
 * One execution of the property body: what it drew (each choice with its bound), how it ended, and what
 * it recorded.
 */
record TestRun(Status status, long[] choices, long[] bounds, int[] spans, Throwable failure, FailureSignature signature,
        Discard discard, List<String> lines, Map<String, Integer> labels, int steps) {

    enum Status { PASSED, FAILED, DISCARDED }

    boolean failedLike(FailureSignature target) {
        return status == Status.FAILED && signature.matches(target);
    }
}
