package dev.ashmem.model;

/**
 * ASHMEM_PIN, ASHMEM_UNPIN and ASHMEM_GET_PIN_STATUS: the argument checks shared by all three and the
 * walks over an area's unpinned list, translated literally from the driver (linear, descending order).
 */
final class PinRules {
    static final long NOT_PURGED = 0;
    static final long WAS_PURGED = 1;
    static final long IS_UNPINNED = 0;
    static final long IS_PINNED = 1;

    private PinRules() {
    }

    /** Which of the three commands is running. */
    enum Kind { PIN, UNPIN, STATUS }

    /**
     * The common path of the three commands: PINARG-EFAULT, PINARG-WAIT, PINARG-NOFILE, PINARG-LEN0,
     * PINARG-ALIGN, PINARG-OVERFLOW, PINARG-BOUNDS, PINARG-PAGES, in that order.
     */
    static Result run(ModelState s, Area area, Kind kind, Command.PinArg arg) {
        if (arg.badPointer()) {
            return Result.err(Errno.EFAULT); // PINARG-EFAULT
        }
        if (s.inflight != 0 && s.pinWaitsForPunches) {
            // PINARG-WAIT: the caller sleeps under the mutex until no punch is in flight; a sequential
            // caller never sees this, a step-wise explorer must not schedule the command yet.
            throw new IllegalStateException("PINARG-WAIT: " + s.inflight + " hole punch(es) in flight");
        }
        if (area.file == null) {
            return Result.err(Errno.EINVAL); // PINARG-NOFILE
        }
        long offset = arg.offset();
        long len = arg.len();
        long alignedSize = s.pageAlign(area.size);
        if (len == 0) {
            len = (alignedSize - offset) & Unsigned.U32_MAX; // PINARG-LEN0: 64-bit difference cut to u32
        }
        if (((offset | len) & (s.pageSize - 1)) != 0) {
            return Result.err(Errno.EINVAL); // PINARG-ALIGN
        }
        if (Unsigned.U32_MAX - offset < len) {
            return Result.err(Errno.EINVAL); // PINARG-OVERFLOW
        }
        if (Unsigned.lt(alignedSize, offset + len)) {
            return Result.err(Errno.EINVAL); // PINARG-BOUNDS
        }
        long pgstart = offset / s.pageSize; // PINARG-PAGES
        long pgend = pgstart + len / s.pageSize - 1; // PINARG-EMPTY: len 0 here gives [pgstart, pgstart-1]
        return Result.ok(switch (kind) {
            case PIN -> pin(s, area, pgstart, pgend);
            case UNPIN -> unpin(s, area, pgstart, pgend);
            case STATUS -> status(area, pgstart, pgend);
        });
    }

    /** ashmem_unpin(): UNPIN-WALK, UNPIN-SUBSUMED, UNPIN-MERGE, UNPIN-PURGED-SPREAD, UNPIN-ADJACENT, UNPIN-INSERT, UNPIN-RET. */
    static long unpin(ModelState s, Area area, long pgstart, long pgend) {
        boolean purged = false;
        restart:
        while (true) {
            var list = area.unpinned;
            int insertAt = list.size();
            for (int i = 0; i < list.size(); i++) {
                var r = list.get(i);
                if (r.before(pgstart)) {
                    insertAt = i; // UNPIN-WALK: the first range wholly below is the insertion point
                    break;
                }
                if (r.covers(pgstart, pgend)) {
                    return 0; // UNPIN-SUBSUMED
                }
                // UNPIN-ADJACENT: only a shared page (or a subsumed range) counts; touching ranges stay apart.
                if (r.overlaps(pgstart, pgend)) {
                    pgstart = Unsigned.min(r.pgstart, pgstart); // UNPIN-MERGE
                    pgend = Unsigned.max(r.pgend, pgend);
                    purged |= r.purged; // UNPIN-PURGED-SPREAD
                    delete(s, r);
                    continue restart;
                }
            }
            var range = new Range(area, pgstart, pgend, purged);
            list.add(insertAt, range); // UNPIN-INSERT
            if (range.onLru()) {
                s.lru.add(range);
            }
            return 0; // UNPIN-RET
        }
    }

    /** ashmem_pin(): PIN-WALK, PIN-CASE-1..4, PIN-SPLIT-TAIL, PIN-RET. */
    static long pin(ModelState s, Area area, long pgstart, long pgend) {
        long ret = NOT_PURGED;
        var list = area.unpinned;
        int i = 0;
        while (i < list.size()) {
            var r = list.get(i);
            if (r.before(pgstart)) {
                break; // PIN-WALK
            }
            if (!r.overlaps(pgstart, pgend)) {
                i++;
                continue;
            }
            if (r.purged) {
                ret = WAS_PURGED; // PIN-RET
            }
            if (r.subsumedBy(pgstart, pgend)) {
                delete(s, r); // PIN-CASE-1
                continue;
            }
            if (Unsigned.ge(r.pgstart, pgstart)) {
                shrink(s, r, pgend + 1, r.pgend); // PIN-CASE-2
                i++;
                continue;
            }
            if (Unsigned.le(r.pgend, pgend)) {
                shrink(s, r, r.pgstart, pgstart - 1); // PIN-CASE-3
                i++;
                continue;
            }
            // PIN-CASE-4: the upper piece is a new range, placed before r and at the LRU tail (PIN-SPLIT-TAIL).
            var upper = new Range(area, pgend + 1, r.pgend, r.purged);
            list.add(i, upper);
            if (upper.onLru()) {
                s.lru.add(upper);
            }
            shrink(s, r, r.pgstart, pgstart - 1);
            break;
        }
        return ret;
    }

    /** ashmem_get_pin_status(): STATUS-WALK, STATUS-RET, STATUS-EMPTY. */
    static long status(Area area, long pgstart, long pgend) {
        for (var r : area.unpinned) {
            if (r.before(pgstart)) {
                break; // STATUS-WALK
            }
            if (r.overlaps(pgstart, pgend)) {
                return IS_UNPINNED; // STATUS-RET (an empty range reached by the request counts: STATUS-EMPTY)
            }
        }
        return IS_PINNED;
    }

    /** range_del(): off the area's list and, if on it, off the LRU. */
    static void delete(ModelState s, Range r) {
        r.area.unpinned.remove(r);
        if (r.onLru()) {
            s.lru.remove(r);
        }
    }

    /** range_shrink(): new bounds; an LRU range keeps its place and lruCount drops by the difference (mod 2^64). */
    static void shrink(ModelState s, Range r, long start, long end) {
        long before = r.size();
        r.pgstart = start;
        r.pgend = end;
        if (r.onLru()) {
            s.lru.count -= before - r.size();
        }
    }
}
