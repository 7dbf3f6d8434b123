package dev.ashmem.properties;

import dev.ashmem.model.Op;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls into an implementation under test that are under way, one slot per thread, so that a watchdog
 * can tell a call that does not return (an implementation that hangs) from a slow run. Entering and leaving
 * a call is two volatile writes: the campaign makes it for every action.
 */
final class CallWatch {
    /** A call under way, as the watchdog sees it. */
    record Call(String thread, Op op, long chain, long nanos) {
    }

    private static final class Slot {
        final Thread thread = Thread.currentThread();
        volatile Op op;
        volatile long since;
        volatile long chain = -1;
    }

    private static final Set<Slot> SLOTS = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<Slot> MINE = ThreadLocal.withInitial(() -> {
        var s = new Slot();
        SLOTS.add(s);
        return s;
    });

    private CallWatch() {
    }

    /** This thread now runs chain {@code k} (-1: none), named in a report of a call that does not return. */
    static void chain(long k) {
        MINE.get().chain = k;
    }

    static void enter(Op op) {
        var s = MINE.get();
        s.op = op;
        s.since = System.nanoTime() | 1; // never 0, which means idle
    }

    static void exit() {
        MINE.get().since = 0;
    }

    /** The call under way on {@code thread} if it has lasted at least {@code nanos}. */
    static Optional<Call> on(Thread thread, long nanos) {
        long now = System.nanoTime();
        for (var s : SLOTS) {
            long since = s.since;
            Op op = s.op;
            if (s.thread == thread && since != 0 && now - since >= nanos) {
                return Optional.of(new Call(s.thread.getName(), op, s.chain, now - since));
            }
        }
        return Optional.empty();
    }

    /** The longest call under way on a live thread that has lasted at least {@code nanos}, if any. */
    static Optional<Call> longerThan(long nanos) {
        long now = System.nanoTime();
        Call worst = null;
        for (var s : SLOTS) {
            if (!s.thread.isAlive()) {
                SLOTS.remove(s);
                continue;
            }
            long since = s.since;
            Op op = s.op;
            if (since != 0 && now - since >= nanos && (worst == null || now - since > worst.nanos())) {
                worst = new Call(s.thread.getName(), op, s.chain, now - since);
            }
        }
        return Optional.ofNullable(worst);
    }
}
