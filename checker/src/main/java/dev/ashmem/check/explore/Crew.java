package dev.ashmem.check.explore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The exploring threads of a parallel run: the calling thread and {@code n - 1} helpers that live as
 * long as the run, each with its own {@link Worker} (built on its thread). {@link #run} hands every one
 * of them the same phase, takes part as participant 0, and returns when all have finished it (a
 * barrier), so the main thread works instead of waiting, and no task objects or futures are made per
 * round. Waiting threads spin briefly, then park: phases last milliseconds to seconds, and the machine
 * may be shared.
 *
 * <p>It also keeps the figures of a parallel run's CPU time: the helpers' CPU time, and the critical
 * path, the main thread's CPU time plus, for each phase, what the busiest participant spent beyond the
 * main thread.
 */
final class Crew implements AutoCloseable {
    /** One phase: what participant {@code id} (0 = the calling thread) does with its worker. */
    interface Phase {
        void run(int id, Worker worker);
    }

    private static final int SPINS = 1 << 12;

    private final int n;
    private final Worker own;
    private final Thread[] helpers;
    private final Thread main;
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final AtomicInteger done = new AtomicInteger();
    private final long[] phaseCpu;
    private volatile Phase phase;
    private volatile int generation;
    private volatile boolean closed;
    private volatile Throwable failure;
    /** Sum over phases of (busiest participant's CPU time - the main thread's). */
    private long pathBeyondMain;

    Crew(int n, Supplier<Worker> workers) {
        if (n < 1) {
            throw new IllegalArgumentException("a crew of " + n);
        }
        this.n = n;
        this.main = Thread.currentThread();
        this.phaseCpu = new long[n];
        this.helpers = new Thread[n - 1];
        for (int i = 1; i < n; i++) {
            int id = i;
            var t = new Thread(() -> helper(id, workers), "model-check-worker-" + i);
            t.setDaemon(true);
            helpers[i - 1] = t;
        }
        this.own = workers.get();
        for (var t : helpers) {
            t.start();
        }
    }

    int size() {
        return n;
    }

    /** Every participant runs {@code p}; returns when all have. A failure of any is thrown here. */
    void run(Phase p) {
        if (closed) {
            throw new IllegalStateException("crew closed");
        }
        phase = p;
        done.set(0);
        generation++; // publishes the phase (volatile write after the plain ones)
        for (var t : helpers) {
            LockSupport.unpark(t);
        }
        long c0 = mx.getCurrentThreadCpuTime();
        Throwable mine = null;
        try {
            p.run(0, own);
        } catch (Throwable e) {
            mine = e;
        }
        phaseCpu[0] = mx.getCurrentThreadCpuTime() - c0;
        int spins = 0;
        while (done.get() < n - 1) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 1_000_000);
            }
        }
        long most = 0;
        for (long c : phaseCpu) {
            most = Math.max(most, c);
        }
        pathBeyondMain += most - phaseCpu[0];
        phase = null;
        Throwable f = mine != null ? mine : failure;
        failure = null;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e; // OutOfMemoryError above all: the command reports it
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    private void helper(int id, Supplier<Worker> workers) {
        Worker w;
        try {
            w = workers.get();
        } catch (Throwable e) {
            failure = e;
            w = null;
        }
        int seen = 0;
        while (true) {
            int g;
            int spins = 0;
            while ((g = generation) == seen && !closed) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = g;
            long c0 = mx.getCurrentThreadCpuTime();
            try {
                if (w == null) {
                    throw new IllegalStateException("the worker could not be built", failure);
                }
                phase.run(id, w);
            } catch (Throwable e) {
                failure = e;
            }
            phaseCpu[id] = mx.getCurrentThreadCpuTime() - c0;
            if (done.incrementAndGet() == n - 1) {
                LockSupport.unpark(main);
            }
        }
    }

    /** CPU time of the helper threads so far (call before {@link #close}). */
    long helperCpuNanos() {
        long sum = 0;
        for (var t : helpers) {
            long c = mx.getThreadCpuTime(t.threadId());
            sum += Math.max(0, c);
        }
        return sum;
    }

    long pathBeyondMainNanos() {
        return pathBeyondMain;
    }

    @Override
    public void close() {
        closed = true;
        for (var t : helpers) {
            LockSupport.unpark(t);
        }
    }
}
