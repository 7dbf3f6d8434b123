package dev.ashmem.impl;

import static dev.ashmem.impl.DeviceState.err;

import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Result;
import dev.ashmem.model.Unsigned;

/**
 * ASHMEM_PIN, ASHMEM_UNPIN and ASHMEM_GET_PIN_STATUS: the argument checks shared by all three, the wait
 * for in-flight punches, and the walks (in {@link dev.ashmem.impl.range.UnpinnedRanges}); the
 * counterpart of the model's PinRules.
 */
final class PinOps {
    private final DeviceState s;
    private final ShrinkerOps shrinker;

    PinOps(DeviceState s, ShrinkerOps shrinker) {
        this.s = s;
        this.shrinker = shrinker;
    }

    /** Which of the three pin commands is running. */
    enum PinKind { PIN, UNPIN, STATUS }

    /** ashmem_pin_unpin(): PINARG-EFAULT, PINARG-WAIT, then the checks under the mutex, then the walk. */
    Result pinUnpin(Area area, PinKind kind, Command.PinArg arg) {
        if (arg.badPointer()) {
            return err(Errno.EFAULT); // PINARG-EFAULT
        }
        PinPages early = null;
        if (!s.decisions.pinChecksUnderMutex()) {
            // The broken order reads the size, then (where the driver's copy_from_user of a later field
            // could fault and sleep) the file: a SET_SIZE plus first mmap in between is what it misses.
            long size = area.size;
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            early = pinPages(area.file != null, size, arg.offset(), arg.len());
            if (early == null) {
                return err(Errno.EINVAL);
            }
        }
        s.mutex.lock();
        try {
            if (s.decisions.awaitsPunches()) {
                shrinker.awaitPunchesDrained(); // PINARG-WAIT
            }
            var pages = early != null ? early : pinPages(area.file != null, area.size, arg.offset(), arg.len());
            if (pages == null) {
                return err(Errno.EINVAL);
            }
            var ranges = area.unpinned;
            return Result.ok(switch (kind) {
                case PIN -> ranges.pin(pages.pgstart(), pages.pgend());
                case UNPIN -> ranges.unpin(pages.pgstart(), pages.pgend());
                case STATUS -> ranges.status(pages.pgstart(), pages.pgend());
            });
        } finally {
            s.mutex.unlock();
        }
    }

    /**
     * PINARG-NOFILE, PINARG-LEN0, PINARG-ALIGN, PINARG-OVERFLOW, PINARG-BOUNDS, PINARG-PAGES, in that
     * order: the page interval, or null for EINVAL. {@code offset} and {@code len} are u32.
     */
    private PinPages pinPages(boolean hasFile, long size, long offset, long len) {
        if (!hasFile) {
            return null; // PINARG-NOFILE
        }
        long alignedSize = s.pageAlign(size);
        if (len == 0) {
            len = s.decisions.lenToEnd(alignedSize, offset); // PINARG-LEN0
        }
        if (!s.decisions.pinArgAligned(offset, len, s.pageSize)) {
            return null; // PINARG-ALIGN
        }
        if (s.decisions.pinArgOverflows(offset, len)) {
            return null; // PINARG-OVERFLOW
        }
        if (Unsigned.lt(alignedSize, offset + len)) {
            return null; // PINARG-BOUNDS
        }
        long pages = Long.divideUnsigned(len, s.pageSize);
        if (pages == 0 && !s.decisions.emptyRequestAllowed()) {
            return null;
        }
        long pgstart = Long.divideUnsigned(offset, s.pageSize); // PINARG-PAGES
        return new PinPages(pgstart, pgstart + pages - 1); // PINARG-EMPTY: len 0 here gives [pgstart, pgstart-1]
    }
}
