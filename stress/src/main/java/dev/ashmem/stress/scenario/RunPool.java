package dev.ashmem.stress.scenario;

import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Set-up runs of one scenario on the implementation, kept after their arbiter: a jcstress state takes
 * an idle run reset to the state right after the setup ({@link dev.ashmem.impl.OffHeapAshmem#resetTo})
 * instead of building a device with a new memfd and mappings and closing it again. A run whose device
 * cannot come back exactly (an actor made a file or a mapping, sealed a file, ...) is closed instead.
 * {@code -Dashmem.stress.reuse=false} turns the pool off (every state builds its own device).
 */
final class RunPool {
    /** The system property that turns reuse off. */
    static final String PROPERTY = "ashmem.stress.reuse";
    /** Idle runs kept per scenario; jcstress keeps at most stride size x count states alive at once. */
    static final int CAPACITY = 4096;
    private static final boolean ENABLED = Boolean.parseBoolean(System.getProperty(PROPERTY, "true"));
    private static final ConcurrentHashMap<String, RunPool> POOLS = new ConcurrentHashMap<>();

    private final Queue<Run> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    private RunPool() {
    }

    static RunPool of(Scenario scenario) {
        return POOLS.computeIfAbsent(scenario.name(), n -> new RunPool());
    }

    /** An idle run, reset and set up, or null. */
    Run take() {
        var run = idle.poll();
        if (run != null) {
            size.decrementAndGet();
        }
        return run;
    }

    /** A freshly set-up run joins the pool after its arbiter, if its device can be reset exactly. */
    void adopt(Run run) {
        if (ENABLED && run.target() instanceof ImplTarget t && t.keepForReuse()) {
            run.pooledIn(this);
        }
    }

    /** After the arbiter: true if the run was reset and is idle again; false and the caller closes it. */
    boolean giveBack(Run run) {
        if (size.get() >= CAPACITY || !(run.target() instanceof ImplTarget t) || !t.reset()) {
            return false;
        }
        run.resetSlots();
        size.incrementAndGet();
        idle.offer(run);
        return true;
    }
}
