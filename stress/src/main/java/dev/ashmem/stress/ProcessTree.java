package dev.ashmem.stress;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/**
 * Ends every process this JVM started, children and their children (jcstress forks its own JVMs),
 * for an interrupted run: SIGTERM first so JVMs below run their own shutdown hooks, SIGKILL for what is
 * left after the grace period. Processes started while it runs are caught by listing again.
 */
public final class ProcessTree {
    private ProcessTree() {
    }

    /** Ends all descendants of this JVM; returns once none is alive (or after twice {@code grace}). */
    public static void endDescendants(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        var signalled = new HashSet<Long>();
        List<ProcessHandle> alive;
        while (!(alive = descendants()).isEmpty() && System.nanoTime() < deadline) {
            alive.stream().filter(p -> signalled.add(p.pid())).forEach(ProcessHandle::destroy); // once each
            pause();
        }
        long hardDeadline = System.nanoTime() + grace.toNanos();
        while (!(alive = descendants()).isEmpty() && System.nanoTime() < hardDeadline) {
            alive.forEach(ProcessHandle::destroyForcibly);
            pause();
        }
    }

    private static List<ProcessHandle> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
