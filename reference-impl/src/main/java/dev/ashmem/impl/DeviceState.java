package dev.ashmem.impl;

import dev.ashmem.impl.range.Lru;
import dev.ashmem.impl.sys.SysException;
import dev.ashmem.model.Platform;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Result;
import dev.ashmem.model.Unsigned;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The state of one {@link OffHeapAshmem} and its locks, shared by the rule families (HandleOps,
 * AttributeOps, PinOps, ShrinkerOps, MmapOps, MemoryOps, FileIoOps); the locking rules are in the
 * façade's comment.
 */
final class DeviceState {
    final int pageSize;
    final Decisions decisions;
    /** The architecture's generic-layer facts (CTX-PLATFORM). */
    final Platform platform;
    /** The driver's ashmem_mutex (CONC-MUTEX). */
    final ReentrantLock mutex = new ReentrantLock();
    /** mm's mmap_lock: loads and stores share it; mmap, munmap and mprotect take it exclusively. */
    final ReentrantReadWriteLock mmapLock = new ReentrantReadWriteLock();
    /** Punches marked and not yet released (CONC-INFLIGHT); waiters sleep on {@link #drained}. */
    final AtomicInteger inflight = new AtomicInteger();
    final ReentrantLock inflightLock = new ReentrantLock();
    final Condition drained = inflightLock.newCondition();
    final HandleTable handles = new HandleTable();
    /** Live areas in open order: added by open, removed by release under the mutex. */
    final ConcurrentSkipListMap<Integer, Area> areas = new ConcurrentSkipListMap<>();
    final Lru<Area> lru = new Lru<>();
    /** Live mappings by id; guarded by mmapLock. */
    final TreeMap<Integer, LiveMapping> mappings = new TreeMap<>();
    /** Set by the device's close: no mapping is made after it; guarded by mmapLock. */
    boolean mappingsClosed;
    /** MMAP-ID; guarded by mmapLock. */
    int nextMappingId = 1;

    DeviceState(int pageSize, Decisions decisions, Platform platform) {
        this.pageSize = pageSize;
        this.decisions = decisions;
        this.platform = platform;
    }

    long pageAlign(long x) {
        return Unsigned.pageAlign(x, pageSize);
    }

    static Result err(Errno e) {
        return Result.err(e);
    }

    /**
     * An OS errno as a result when the driver surface has a name for it (ENOMEM of mmap, MMAP-SYSCALL),
     * else {@link OsLimitException} naming the call and the errno (EMFILE, ENFILE, ...).
     */
    static Result osError(String operation, SysException e) {
        for (var errno : Errno.values()) {
            if (errno.number() == e.errno()) {
                return Result.err(errno);
            }
        }
        throw new OsLimitException(operation, e);
    }
}
