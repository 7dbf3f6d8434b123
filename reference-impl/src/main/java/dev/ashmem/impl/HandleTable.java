package dev.ashmem.impl;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** The file descriptor table: handle number -> area (HANDLE-NUM, HANDLE-EBADF). */
final class HandleTable {
    private final Map<Integer, Area> byHandle = new HashMap<>();
    private final BitSet used = new BitSet();
    private int nextAreaId;

    /** OPEN: a new area numbered in open order, under the lowest free handle. */
    synchronized int open(IntFunction<Area> newArea) {
        var area = newArea.apply(nextAreaId++);
        return install(area);
    }

    /** DUP: another handle on a live area (the caller holds a reference on it). */
    synchronized int dup(Area area) {
        area.refs.incrementAndGet();
        return install(area);
    }

    private int install(Area area) {
        int fd = used.nextClearBit(0);
        used.set(fd);
        byHandle.put(fd, area);
        return fd;
    }

    /** The area behind a handle with a reference taken (fget), or null (HANDLE-EBADF). */
    synchronized Area acquire(int fd) {
        var area = byHandle.get(fd);
        if (area != null) {
            area.refs.incrementAndGet();
        }
        return area;
    }

    /** Removes a handle; the caller drops the handle's reference. */
    synchronized Area remove(int fd) {
        var area = byHandle.remove(fd);
        if (area != null) {
            used.clear(fd);
        }
        return area;
    }

    synchronized List<Integer> handles() {
        return List.copyOf(new java.util.TreeSet<>(byHandle.keySet()));
    }

    /** Handles of each area, ascending. */
    synchronized Map<Area, List<Integer>> byArea() {
        var out = new LinkedHashMap<Area, List<Integer>>();
        for (int fd = used.nextSetBit(0); fd >= 0; fd = used.nextSetBit(fd + 1)) {
            out.computeIfAbsent(byHandle.get(fd), a -> new ArrayList<>()).add(fd);
        }
        return out;
    }
}
