package dev.ashmem.model;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The shrinker (count and scan) and ASHMEM_PURGE_ALL_CACHES. */
final class DriverShrinker {
    private DriverShrinker() {
    }

    /** SHRINK-COUNT: lruCount, read without the mutex. */
    static long count(ModelState s) {
        s.fire("SHRINK-COUNT");
        return s.lru.count;
    }

    /**
     * A whole scan run by one caller with nothing interleaved: SHRINK-NOFS, SHRINK-TRYLOCK (the lock is
     * free in a sequential run), SHRINK-ORDER, SHRINK-MARK, SHRINK-PUNCH, SHRINK-NR, SHRINK-RET.
     */
    static long scan(ModelState s, long nrToScan, boolean mayEnterFs) {
        return scan(s, nrToScan, mayEnterFs, () -> true);
    }

    /** A scan whose mutex_trylock calls (at entry and after each punch) answer as {@code tryLock} says. */
    static long scan(ModelState s, long nrToScan, boolean mayEnterFs, BooleanSupplier tryLock) {
        if (!mayEnterFs) {
            s.fire("SHRINK-NOFS");
            return AshmemDevice.SHRINK_STOP;
        }
        if (!tryLock.getAsBoolean()) {
            s.fire("SHRINK-TRYLOCK"); // the driver returns -1, which is SHRINK_STOP
            return AshmemDevice.SHRINK_STOP;
        }
        long freed = 0;
        while (!s.lru.isEmpty()) {
            var punch = markHead(s).orElseThrow();
            freed += punch.pages();
            punch(s, punch);
            release(s);
            if (!tryLock.getAsBoolean()) {
                s.fire("SHRINK-TRYLOCK"); // give up, keeping what was freed
                return freed;
            }
            if (nrToScan == 0) {
                s.fire("ARITH-U64");
            }
            nrToScan -= 1; // once per range, unsigned, so 0 wraps and purges everything
            s.fire("SHRINK-NR");
            if (nrToScan == 0) {
                break;
            }
        }
        s.fire("SHRINK-RET");
        return freed;
    }

    /**
     * The locked step of the scan loop (SHRINK-ORDER, SHRINK-MARK): the LRU head is marked purged,
     * taken off the LRU (it stays in its area's list: SHRINK-KEEP) and counted in flight.
     */
    static Optional<PendingPunch> markHead(ModelState s) {
        if (s.lru.isEmpty()) {
            return Optional.empty();
        }
        var r = s.lru.head(); // oldest first
        s.fire("SHRINK-ORDER");
        long start = r.pgstart * s.pageSize;
        long end = (r.pgend + 1) * s.pageSize;
        var file = r.area.file;
        s.inflight++;
        s.fire("CONC-INFLIGHT");
        s.lru.remove(r);
        r.purged = true;
        s.fire("SHRINK-MARK");
        s.fire("SHRINK-KEEP"); // it stays in its area's list
        return Optional.of(new PendingPunch(r.area.id, start, end, r.size(), new PendingPunch.BackingFileRef(file)));
    }

    /** The unlocked step: the hole punch (SHRINK-PUNCH, SHRINK-PUNCH-EXTENT). */
    static void punch(ModelState s, PendingPunch p) {
        var file = p.file().file;
        long first = Long.divideUnsigned(p.start(), s.pageSize);
        long end;
        s.fire("SHRINK-PUNCH");
        s.fire("SHRINK-PUNCH-EXTENT"); // every punch's extent; the branches below are its quirks
        // shmem's inclusive end is end - 1: at end == 0 it reads as "to the end of the file", which
        // must be tested before end == start, or [0 .. 2^64-1] (start 0, end 0) would punch nothing.
        if (p.end() == 0 || Unsigned.lt(p.end(), p.start())) {
            // the end wrapped: shmem punches to the end of the file
            end = file.pageCount();
        } else if (p.end() == p.start()) {
            return; // the empty range [N, N-1] punches nothing
        } else {
            end = Unsigned.min(Long.divideUnsigned(p.end(), s.pageSize), file.pageCount());
        }
        recordPinnedPunches(s, p.area(), file, first, end);
        file.punchPages(first, end);
    }

    /** The in-flight count drops once the punch is done (CONC-INFLIGHT). */
    static void release(ModelState s) {
        if (s.inflight == 0) {
            throw new IllegalStateException("no punch in flight");
        }
        s.inflight--;
        s.fire("CONC-INFLIGHT");
    }

    /** PURGE-EPERM, PURGE-RET, PURGE-SCAN. */
    static Result purgeAll(ModelState s, Caller caller) {
        if (!caller.capSysAdmin()) {
            return s.reject("PURGE-EPERM", Errno.EPERM);
        }
        long before = count(s); // lruCount before the scan, as a signed long
        s.fire("PURGE-SCAN");
        scan(s, Long.MAX_VALUE, true);
        s.fire("PURGE-RET"); // last: it gives the result, after the scan
        if (before < 0) {
            s.fire("ARITH-LONG");
        }
        return Result.ok(before);
    }

    /** Ghost check for INV-PUNCH-PINNED: count data pages punched that no unpinned range of the area covers. */
    private static void recordPinnedPunches(ModelState s, int areaId, BackingFile file, long first, long end) {
        var area = s.areas.stream().filter(a -> a.id == areaId && a.file == file).findFirst();
        if (area.isEmpty() || !Unsigned.lt(first, end)) {
            return; // a released area has no pinned pages
        }
        for (long page : file.pages.subMap(first, true, end, false).keySet()) {
            boolean unpinned = area.get().unpinned.stream().anyMatch(r -> r.containsPage(page));
            if (!unpinned) {
                s.pinnedPagesPunched++;
            }
        }
    }
}
