package dev.ashmem.impl;

import static dev.ashmem.impl.DeviceState.err;

import dev.ashmem.impl.range.Range;
import dev.ashmem.impl.range.UnpinnedRanges;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Result;
import java.util.Objects;
import java.util.Optional;

/**
 * The shrinker protocol (count; scan as mark under the mutex, punch outside it, release with the
 * in-flight count) and ASHMEM_PURGE_ALL_CACHES; the counterpart of the model's Shrinker.
 */
final class ShrinkerOps {
    private final DeviceState s;

    ShrinkerOps(DeviceState s) {
        this.s = s;
    }

    /** PURGE-EPERM, PURGE-RET, PURGE-SCAN. */
    Result purgeAllCaches(Caller caller) {
        if (!caller.capSysAdmin()) {
            return err(Errno.EPERM); // PURGE-EPERM
        }
        long before = shrinkCount(); // PURGE-RET: lruCount before the scan, as the kernel's long
        shrinkScan(Long.MAX_VALUE, true); // PURGE-SCAN
        return Result.ok(before);
    }

    /** SHRINK-COUNT: lruCount, read without the mutex. */
    long shrinkCount() {
        return s.lru.count();
    }

    /** SHRINK-NOFS, SHRINK-TRYLOCK, SHRINK-ORDER, SHRINK-MARK, SHRINK-PUNCH, SHRINK-NR, SHRINK-RET. */
    long shrinkScan(long nrToScan, boolean mayEnterFs) {
        if (!mayEnterFs) {
            return AshmemDevice.SHRINK_STOP; // SHRINK-NOFS
        }
        if (!s.mutex.tryLock()) {
            return AshmemDevice.SHRINK_STOP; // SHRINK-TRYLOCK
        }
        long freed = 0;
        while (true) {
            var punch = markHeadLocked();
            if (punch == null) {
                break;
            }
            freed += punch.pages(); // SHRINK-RET
            s.mutex.unlock();
            try {
                shrinkPunch(punch); // CONC-PUNCH-UNLOCKED
            } finally {
                shrinkRelease(punch); // even if the punch threw: a punch left in flight would block every PIN for good
            }
            if (!s.mutex.tryLock()) {
                return freed; // SHRINK-TRYLOCK: give up
            }
            nrToScan = s.decisions.scanRemaining(nrToScan, punch.pages()); // SHRINK-NR
            if (nrToScan == 0) {
                break;
            }
        }
        s.mutex.unlock();
        return freed;
    }

    /** Step 1 of a scan iteration, taking the mutex: the marked LRU head, or empty when the LRU is. */
    Optional<PendingPunch> shrinkMarkHead() {
        s.mutex.lock();
        try {
            return Optional.ofNullable(markHeadLocked());
        } finally {
            s.mutex.unlock();
        }
    }

    /** SHRINK-ORDER, SHRINK-MARK, SHRINK-KEEP, CONC-INFLIGHT; the caller holds the mutex. */
    private PendingPunch markHeadLocked() {
        Range<Area> r = s.lru.head(); // SHRINK-ORDER: oldest first
        if (r == null) {
            return null;
        }
        var area = r.owner();
        var file = area.file;
        boolean held = file != null && file.tryRetain(); // get_file()
        s.inflight.incrementAndGet();
        UnpinnedRanges.markPurged(s.lru, r); // SHRINK-MARK; it stays in its area's list (SHRINK-KEEP)
        long start = r.pgstart() * s.pageSize;
        long end = (r.pgend() + 1) * s.pageSize;
        return new PendingPunch(area.id, start, end, r.size(), held ? file : null);
    }

    /**
     * Step 2, without the mutex: the hole punch (SHRINK-PUNCH). A punch the file's seals refuse (EPERM: a
     * holder of the memfd added F_SEAL_WRITE or F_SEAL_FUTURE_WRITE itself, shmem_fallocate) is ignored, as
     * ashmem_shrink_scan ignores what vfs_fallocate returns: the range stays marked purged, its pages keep
     * their bytes. Any other failure is a fault of this implementation and is thrown.
     */
    void shrinkPunch(PendingPunch punch) {
        Objects.requireNonNull(punch, "punch");
        var file = punch.file();
        if (file == null) {
            return;
        }
        var span = s.decisions.punchExtent(punch.start(), punch.end(), file.pageCount(), s.pageSize);
        if (!span.isEmpty()) {
            int r = file.punchPages(span.first(), span.end());
            if (r < 0 && r != -Errno.EPERM.number()) {
                throw new IllegalStateException("hole punch of " + punch + " failed with errno " + -r);
            }
        }
    }

    /** Step 3: fput and the in-flight count drops, waking waiters at 0 (CONC-INFLIGHT). */
    void shrinkRelease(PendingPunch punch) {
        Objects.requireNonNull(punch, "punch");
        if (punch.file() != null) {
            punch.file().release();
        }
        if (s.inflight.decrementAndGet() == 0) {
            s.inflightLock.lock();
            try {
                s.drained.signalAll();
            } finally {
                s.inflightLock.unlock();
            }
        }
    }

    /** PINARG-WAIT: sleep, holding the mutex, until no hole punch is in flight. */
    void awaitPunchesDrained() {
        if (s.inflight.get() == 0) {
            return;
        }
        s.inflightLock.lock();
        try {
            while (s.inflight.get() != 0) {
                s.drained.awaitUninterruptibly();
            }
        } finally {
            s.inflightLock.unlock();
        }
    }

    /** Punches marked and not yet released. */
    int inflight() {
        return s.inflight.get();
    }
}
