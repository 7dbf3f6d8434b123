package dev.ashmem.properties;

import dev.ashmem.model.Op;
import dev.ashmem.model.Result;
import dev.ashmem.model.Shrinker;
import java.util.ArrayList;
import java.util.List;

/**
 * The shrinker of a {@link DevicePair} as one {@link Shrinker}, for a client of the shrinker such as the
 * reference implementation's BackgroundPurger: every count and scan it makes runs on the model and on the
 * implementation in lock step through {@link DevicePair#apply} (so the chain's trace has each of them), and
 * it gets the implementation's answer. The first disagreement and every call are kept for the step to check.
 */
final class PairedShrinker implements Shrinker {
    /** One call the client made: the operation, the model's answer and the model's lruCount before it. */
    record Call(Op op, long expected, long countBefore) {
    }

    private final DevicePair pair;
    private final List<Call> calls = new ArrayList<>();
    private String disagreement;

    PairedShrinker(DevicePair pair) {
        this.pair = pair;
    }

    /** The calls so far, in order. */
    List<Call> calls() {
        return calls;
    }

    /** The first call whose answers differed, or null. */
    String disagreement() {
        return disagreement;
    }

    private long run(Op op) {
        long countBefore = pair.state().lruCount();
        var outcome = pair.apply(op);
        long expected = ((Result.Value) outcome.expected()).value();
        calls.add(new Call(op, expected, countBefore));
        if (!outcome.agrees() && disagreement == null) {
            disagreement = op + ": model " + outcome.expected() + ", implementation " + outcome.actual();
        }
        return outcome.actual() instanceof Result.Value v ? v.value() : expected;
    }

    @Override
    public long shrinkCount() {
        return run(new Op.ShrinkCount());
    }

    @Override
    public long shrinkScan(long nrToScan, boolean mayEnterFs) {
        return run(new Op.ShrinkScan(nrToScan, mayEnterFs));
    }
}
