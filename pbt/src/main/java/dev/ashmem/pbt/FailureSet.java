package dev.ashmem.pbt;

import java.util.ArrayList;
import java.util.List;

/**
 * The distinct failures of one run, in the order they were found, one failing case per
 * {@link FailureSignature}: the smallest seen so far (shortlex on the choices drawn), so that each is
 * shrunk from the best starting point the run came across. Holds at most {@code capacity} signatures.
 */
final class FailureSet {

    private final int capacity;
    private final List<TestRun> runs = new ArrayList<>();

    FailureSet(int capacity) {
        this.capacity = capacity;
    }

    /** Records a failing run; true if its signature is new (and there was room for it). */
    boolean offer(TestRun run) {
        if (run.status() != TestRun.Status.FAILED) return false;
        for (int i = 0; i < runs.size(); i++) {
            TestRun known = runs.get(i);
            if (known.signature().matches(run.signature())) {
                long[] a = run.choices();
                long[] b = known.choices();
                if (ChoiceSequence.shortlex(a, a.length, b, b.length) < 0) runs.set(i, run);
                return false;
            }
        }
        if (full()) return false;
        runs.add(run);
        return true;
    }

    boolean full() {
        return runs.size() >= capacity;
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    int size() {
        return runs.size();
    }

    TestRun get(int i) {
        return runs.get(i);
    }

    /** Whether {@code signature} is one of the failures held. */
    boolean holds(FailureSignature signature) {
        for (TestRun r : runs) {
            if (r.signature().matches(signature)) return true;
        }
        return false;
    }
}
