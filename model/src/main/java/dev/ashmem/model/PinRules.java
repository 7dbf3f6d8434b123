package dev.ashmem.model;

/**
 * ASHMEM_PIN, ASHMEM_UNPIN and ASHMEM_GET_PIN_STATUS: the argument checks shared by all three and the
 * walks over an area's unpinned list, translated literally from the driver (linear, descending order).
 */
final class PinRules {
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
            return s.reject("PINARG-EFAULT", Errno.EFAULT);
        }
        if (s.inflight != 0 && s.pinWaitsForPunches) {
            // PINARG-WAIT: the caller sleeps under the mutex until no punch is in flight; a sequential
            // caller never sees this, a step-wise explorer must not schedule the command yet.
            throw new IllegalStateException("PINARG-WAIT: " + s.inflight + " hole punch(es) in flight");
        }
        if (area.file == null) {
            return s.reject("PINARG-NOFILE", Errno.EINVAL);
        }
        long offset = arg.offset();
        long len = arg.len();
        long alignedSize = s.pageAlign(area.size);
        if (len == 0) {
            long difference = alignedSize - offset;
            len = difference & Abi.U32_MAX; // 64-bit difference cut to u32
            s.fire("PINARG-LEN0");
            if (len != difference) {
                s.fire("ARITH-U64"); // the cut (or a negative difference) loses bits
            }
        }
        if (((offset | len) & (s.pageSize - 1)) != 0) {
            return s.reject("PINARG-ALIGN", Errno.EINVAL);
        }
        if (Abi.U32_MAX - offset < len) {
            return s.reject("PINARG-OVERFLOW", Errno.EINVAL);
        }
        if (Unsigned.lt(alignedSize, offset + len)) {
            return s.reject("PINARG-BOUNDS", Errno.EINVAL);
        }
        long pgstart = offset / s.pageSize;
        long pgend = pgstart + len / s.pageSize - 1;
        s.fire("PINARG-PAGES");
        if (len == 0) {
            s.fire("PINARG-EMPTY"); // [pgstart, pgstart-1], or [0, 2^64-1] at offset 0
            s.fire("ARITH-U64");
        }
        return Result.ok(switch (kind) {
            case PIN -> pin(s, area, pgstart, pgend);
            case UNPIN -> unpin(s, area, pgstart, pgend);
            case STATUS -> status(s, area, pgstart, pgend);
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
                    insertAt = i; // the first range wholly below is the insertion point
                    s.fire("UNPIN-WALK");
                    if (r.pgend + 1 == pgstart) {
                        s.fire("UNPIN-ADJACENT"); // it touches the request from below and stays apart
                    }
                    break;
                }
                if (r.covers(pgstart, pgend)) {
                    s.fire("UNPIN-SUBSUMED");
                    s.fire("UNPIN-RET");
                    return 0;
                }
                // Only a shared page (or a subsumed range) counts; touching ranges stay apart.
                if (r.overlaps(pgstart, pgend)) {
                    s.fire("UNPIN-MERGE");
                    pgstart = Unsigned.min(r.pgstart, pgstart);
                    pgend = Unsigned.max(r.pgend, pgend);
                    if (r.purged) {
                        s.fire("UNPIN-PURGED-SPREAD");
                    }
                    purged |= r.purged;
                    delete(s, r);
                    continue restart;
                }
                if (r.pgend + 1 == pgstart || pgend + 1 == r.pgstart) {
                    s.fire("UNPIN-ADJACENT");
                }
            }
            var range = new Range(area, pgstart, pgend, purged);
            list.add(insertAt, range);
            s.fire("UNPIN-INSERT");
            if (range.onLru()) {
                s.lru.add(range);
            }
            s.fire("UNPIN-RET");
            return 0;
        }
    }

    /** ashmem_pin(): PIN-WALK, PIN-CASE-1..4, PIN-SPLIT-TAIL, PIN-RET. */
    static long pin(ModelState s, Area area, long pgstart, long pgend) {
        long ret = Abi.NOT_PURGED;
        var list = area.unpinned;
        int i = 0;
        while (i < list.size()) {
            var r = list.get(i);
            if (r.before(pgstart)) {
                s.fire("PIN-WALK");
                break;
            }
            if (!r.overlaps(pgstart, pgend)) {
                i++;
                continue;
            }
            if (r.purged) {
                ret = Abi.WAS_PURGED;
            }
            if (r.subsumedBy(pgstart, pgend)) {
                s.fire("PIN-CASE-1");
                delete(s, r);
                continue;
            }
            if (Unsigned.ge(r.pgstart, pgstart)) {
                s.fire("PIN-CASE-2");
                shrink(s, r, pgend + 1, r.pgend);
                i++;
                continue;
            }
            if (Unsigned.le(r.pgend, pgend)) {
                s.fire("PIN-CASE-3");
                shrink(s, r, r.pgstart, pgstart - 1);
                i++;
                continue;
            }
            // The upper piece is a new range, placed before r and at the LRU tail.
            s.fire("PIN-CASE-4");
            var upper = new Range(area, pgend + 1, r.pgend, r.purged);
            list.add(i, upper);
            if (upper.onLru()) {
                s.fire("PIN-SPLIT-TAIL");
                s.lru.add(upper);
            }
            shrink(s, r, r.pgstart, pgstart - 1);
            break;
        }
        s.fire("PIN-RET");
        return ret;
    }

    /** ashmem_get_pin_status(): STATUS-WALK, STATUS-RET, STATUS-EMPTY. */
    static long status(ModelState s, Area area, long pgstart, long pgend) {
        boolean emptyRequest = pgend == pgstart - 1;
        if (emptyRequest) {
            s.fire("STATUS-EMPTY"); // it decides an empty or whole-space request, met or not
        }
        for (var r : area.unpinned) {
            if (r.before(pgstart)) {
                s.fire("STATUS-WALK");
                break;
            }
            if (r.overlaps(pgstart, pgend)) {
                if (r.pgend == r.pgstart - 1 && !emptyRequest) {
                    s.fire("STATUS-EMPTY"); // an empty range counts as met
                }
                s.fire("STATUS-RET");
                return Abi.IS_UNPINNED;
            }
        }
        s.fire("STATUS-RET");
        return Abi.IS_PINNED;
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
            if (Long.compareUnsigned(before, r.size()) < 0) {
                s.fire("ARITH-U64"); // a wrapped range grew by being cut: lruCount wraps
            }
        }
    }
}
