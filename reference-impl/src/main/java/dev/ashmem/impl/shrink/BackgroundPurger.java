package dev.ashmem.impl.shrink;

import dev.ashmem.model.Shrinker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shrinker's automatic mode: a daemon thread that keeps the device's unpinned, unpurged pages
 * (its shrinker count) at or under a budget by scanning one LRU range at a time, oldest first, plus
 * {@link #onMemoryPressure} for an application's own memory-pressure signal.
 *
 * <p>Every scan takes the driver mutex with tryLock (SHRINK-TRYLOCK), so neither the thread nor a
 * caller of {@link #onMemoryPressure} ever waits for the mutex; a busy device is simply retried on the
 * next tick. {@link #close()} stops the thread and joins it.
 */
public final class BackgroundPurger implements AutoCloseable {
    /** Upper bound of scan steps per trim, so a caller is never held for long. */
    static final int MAX_STEPS_PER_TRIM = 100_000;
    /** Steps in a row that free nothing before a trim gives up. */
    static final int MAX_IDLE_STEPS = 64;

    private final Shrinker device;
    private final long budgetPages;
    private final long periodNanos;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean running = true;
    private final AtomicLong pagesPurged = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();

    private BackgroundPurger(Shrinker device, long budgetPages, Duration period) {
        this.device = Objects.requireNonNull(device, "device");
        Objects.requireNonNull(period, "period");
        if (budgetPages < 0) {
            throw new IllegalArgumentException("budgetPages must be >= 0: " + budgetPages);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        this.budgetPages = budgetPages;
        this.periodNanos = period.toNanos();
        this.thread = Thread.ofPlatform().daemon().name("ashmem-purger").unstarted(this::run);
    }

    /**
     * Starts a purger that every {@code period} trims the device's shrinker count to {@code budgetPages}.
     */
    public static BackgroundPurger start(Shrinker device, long budgetPages, Duration period) {
        var purger = new BackgroundPurger(device, budgetPages, period);
        purger.thread.start();
        return purger;
    }

    /** A purger without a thread: it trims only when {@link #onMemoryPressure} or {@link #trimTo} is called. */
    public static BackgroundPurger onDemand(Shrinker device, long budgetPages) {
        return new BackgroundPurger(device, budgetPages, Duration.ofDays(1));
    }

    public long budgetPages() {
        return budgetPages;
    }

    /** Pages freed by this purger so far. */
    public long pagesPurged() {
        return pagesPurged.get();
    }

    /** Periodic checks done so far. */
    public long ticks() {
        return ticks.get();
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    private void run() {
        while (running) {
            trimTo(budgetPages);
            ticks.incrementAndGet();
            lock.lock();
            try {
                if (running) {
                    wake.awaitNanos(periodNanos);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Scans LRU ranges, oldest first, until the shrinker count is at most {@code targetPages} (unsigned),
     * the LRU is empty or the device is busy. Returns the pages freed. Never waits for the mutex.
     */
    public long trimTo(long targetPages) {
        long freed = 0;
        int idle = 0;
        for (int i = 0; i < MAX_STEPS_PER_TRIM && idle < MAX_IDLE_STEPS; i++) {
            long before = device.shrinkCount();
            if (Long.compareUnsigned(before, targetPages) <= 0) {
                break;
            }
            long r = device.shrinkScan(1, true); // SHRINK-NR: one range per step
            if (r == Shrinker.SHRINK_STOP) {
                break; // the mutex is busy: next tick
            }
            freed += r;
            // Empty ranges free nothing; an empty LRU under a wrapped lruCount never will.
            idle = r == 0 && device.shrinkCount() == before ? idle + 1 : 0;
        }
        pagesPurged.addAndGet(freed);
        return freed;
    }

    /** A memory-pressure signal from the application: trims at once, on the caller's thread. */
    public long onMemoryPressure(MemoryPressure level) {
        return switch (Objects.requireNonNull(level, "level")) {
            case MODERATE -> trimTo(budgetPages / 2);
            case LOW -> trimTo(budgetPages / 4);
            case CRITICAL -> trimTo(0);
        };
    }

    /** Wakes the thread for an immediate check. */
    public void poke() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the thread and waits for it (at most a few seconds; a scan step is short). */
    @Override
    public void close() {
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            return;
        }
        poke();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
