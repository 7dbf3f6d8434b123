package dev.ashmem.oracle.replay;

import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Command;
import dev.ashmem.model.PendingPunch;
import dev.ashmem.model.Result;
import dev.ashmem.trace.Step;
import dev.ashmem.trace.TracePrinter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The shrinker threads of a serial trace (spec/trace-format.md section 3: shrink_mark, shrink_punch,
 * shrink_release), run on the expected device's model, and the calls that must wait for them. Each
 * thread goes mark, punch, release (CONC-PUNCH-UNLOCKED); a step out of that order is a malformed trace.
 */
final class ShrinkerThreads {
    /** Thread -> the range it marked and has not released. */
    private final Map<Integer, PendingPunch> marked = new HashMap<>();
    private final Set<Integer> punched = new HashSet<>();

    ShrinkerThreads copy() {
        if (!marked.isEmpty()) {
            // A pending punch is bound to the model that marked it; a copied model has its own file.
            throw new IllegalStateException("a session with a hole punch in flight cannot be copied");
        }
        return new ShrinkerThreads();
    }

    static boolean isShrinkerStep(Step step) {
        return step instanceof Step.ShrinkMark || step instanceof Step.ShrinkPunch || step instanceof Step.ShrinkRelease;
    }

    /**
     * Whether {@code step} cannot run now on {@code m}: PIN, UNPIN and GET_PIN_STATUS wait while a punch
     * is in flight (PINARG-WAIT, CONC-INFLIGHT), so in a serial trace they cannot come before its release.
     */
    static boolean waits(Step step, AshmemModel m) {
        return step instanceof Step.Ioctl i && m.inflight() > 0
                && (i.cmd() instanceof Command.Pin || i.cmd() instanceof Command.Unpin || i.cmd() instanceof Command.GetPinStatus);
    }

    /** Runs a shrinker thread's step on {@code m}: mark returns the pages marked (0: empty LRU), the others 0. */
    Result run(Step step, AshmemModel m) {
        return switch (step) {
            case Step.ShrinkMark s -> {
                if (marked.containsKey(s.thread())) {
                    throw outOfOrder(step, "marks again before its release");
                }
                var p = m.shrinkMarkHead();
                p.ifPresent(punch -> marked.put(s.thread(), punch));
                yield Result.ok(p.map(PendingPunch::pages).orElse(0L));
            }
            case Step.ShrinkPunch s -> {
                var p = marked.get(s.thread());
                if (p == null || punched.contains(s.thread())) {
                    throw outOfOrder(step, p == null ? "has no marked range to punch" : "punches twice");
                }
                m.shrinkPunch(p);
                punched.add(s.thread());
                yield Result.ZERO;
            }
            case Step.ShrinkRelease s -> {
                if (!punched.remove(s.thread())) {
                    throw outOfOrder(step, "releases before its punch");
                }
                marked.remove(s.thread());
                m.shrinkRelease();
                yield Result.ZERO;
            }
            default -> throw new IllegalArgumentException("not a shrinker thread's step: " + TracePrinter.step(step));
        };
    }

    private static IllegalArgumentException outOfOrder(Step step, String what) {
        return new IllegalArgumentException("'" + TracePrinter.step(step) + "': the shrinker thread " + what
                + " (each thread goes shrink_mark, shrink_punch, shrink_release)");
    }
}
