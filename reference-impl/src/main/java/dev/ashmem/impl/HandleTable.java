package dev.ashmem.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The file descriptor table: handle number -> area (HANDLE-NUM, HANDLE-EBADF), an array indexed by
 * the handle. Open, dup and close change it under the table's lock; {@link #acquire} reads it without
 * a lock and takes its reference only while the area is live, as the kernel's fget does under RCU.
 */
final class HandleTable {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Area[].class);
    /** Replaced by a larger copy under the lock; a reader holding the old one sees the table as it was then. */
    private volatile Area[] slots = new Area[16];
    /** Handles in use; guarded by this. */
    private final BitSet used = new BitSet();
    private int nextAreaId;
    /** Set by {@link #closeAll}: no handle is made after it; guarded by this. */
    private boolean closed;

    /** OPEN: a new area numbered in open order, under the lowest free handle; -1 once the table is closed. */
    synchronized int open(IntFunction<Area> newArea) {
        if (closed) {
            return -1;
        }
        var area = newArea.apply(nextAreaId++);
        return install(area);
    }

    /** DUP: another handle on a live area (the caller holds a reference on it); -1 once the table is closed. */
    synchronized int dup(Area area) {
        if (closed) {
            return -1;
        }
        area.refs.incrementAndGet();
        return install(area);
    }

    /**
     * Closes the table for good and returns the handles it held, for the caller to close: an open or dup
     * racing the device's close either made its handle before (and is in the list) or makes none.
     */
    synchronized List<Integer> closeAll() {
        closed = true;
        return handles();
    }

    private int install(Area area) {
        int fd = used.nextClearBit(0);
        used.set(fd);
        var table = slots;
        if (fd >= table.length) {
            table = Arrays.copyOf(table, Math.max(table.length * 2, fd + 1));
            slots = table;
        }
        SLOT.setRelease(table, fd, area);
        return fd;
    }

    /**
     * The area behind a handle with a reference taken (fget), or null (HANDLE-EBADF). Lock-free: an area
     * read just before a racing close is taken only while its count is above zero, so a released area
     * is never revived, and the call then counts as ordered before that close.
     */
    Area acquire(int fd) {
        var table = slots;
        if (fd < 0 || fd >= table.length) {
            return null;
        }
        var area = (Area) SLOT.getAcquire(table, fd);
        if (area == null) {
            return null;
        }
        for (int n = area.refs.get(); n > 0; n = area.refs.get()) {
            if (area.refs.compareAndSet(n, n + 1)) {
                return area;
            }
        }
        return null;
    }

    /**
     * The area behind a handle without taking a reference, or null: for callers that keep the area
     * alive otherwise (the pin commands hold the mutex, which release needs) and check the handle again.
     */
    Area peek(int fd) {
        var table = slots;
        return fd < 0 || fd >= table.length ? null : (Area) SLOT.getAcquire(table, fd);
    }

    /** Removes a handle; the caller drops the handle's reference. */
    synchronized Area remove(int fd) {
        var table = slots;
        if (fd < 0 || fd >= table.length) {
            return null;
        }
        var area = (Area) SLOT.getAcquire(table, fd);
        if (area != null) {
            SLOT.setRelease(table, fd, null);
            used.clear(fd);
        }
        return area;
    }

    /** The table as it is now: the area of each handle (null where free) and the next area number. */
    synchronized Saved save() {
        var table = slots;
        var byFd = new Area[used.length()];
        for (int fd = used.nextSetBit(0); fd >= 0; fd = used.nextSetBit(fd + 1)) {
            byFd[fd] = table[fd];
        }
        return new Saved(byFd, nextAreaId);
    }

    /** Back to {@code saved}. */
    synchronized void restore(Saved saved) {
        var table = new Area[Math.max(16, saved.byFd().length)];
        used.clear();
        for (int fd = 0; fd < saved.byFd().length; fd++) {
            if (saved.byFd()[fd] != null) {
                table[fd] = saved.byFd()[fd];
                used.set(fd);
            }
        }
        slots = table;
        nextAreaId = saved.nextAreaId();
    }

    /** A saved table (see {@link Checkpoint}). */
    record Saved(Area[] byFd, int nextAreaId) {
    }

    /** The live handles, ascending. */
    synchronized List<Integer> handles() {
        return used.stream().boxed().toList();
    }

    /** Handles of each area, ascending. */
    synchronized Map<Area, List<Integer>> byArea() {
        var table = slots;
        var out = new LinkedHashMap<Area, List<Integer>>();
        for (int fd = used.nextSetBit(0); fd >= 0; fd = used.nextSetBit(fd + 1)) {
            out.computeIfAbsent(table[fd], a -> new ArrayList<>()).add(fd);
        }
        return out;
    }
}
