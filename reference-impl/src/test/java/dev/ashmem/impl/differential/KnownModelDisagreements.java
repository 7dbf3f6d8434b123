package dev.ashmem.impl.differential;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.PageSpan;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;

/**
 * Where the model, as installed, disagrees with the fact sheet and this implementation follows the
 * fact sheet. The differential test probes the model for each and, while the disagreement lasts,
 * compares against an implementation variant that reproduces the model, so that everything else is
 * still compared exactly. Reported to the lead with the minimal sequence in {@link #wrappedRangePunch}.
 */
final class KnownModelDisagreements {
    private KnownModelDisagreements() {
    }

    /**
     * SHRINK-PUNCH-EXTENT for the range [0, 2^64-1]: start = 0 * P = 0 and end = 2^64 * P = 0 (mod 2^64).
     * shmem_fallocate(offset 0, len 0) truncates [0, -1], i.e. the whole file, and the fact sheet says
     * "[0, 2^64-1] ... punches from its start to the end of the file". The model tests end == start
     * before end == 0 and punches nothing. Minimal sequence (P = 4096):
     * open; SET_SIZE(2^32); mmap(len 4096, rw, shared, off 0) = m1; store m1 @0 [1];
     * UNPIN(0, 0) -> [0..2^64-1]; shrink_scan(1) -> the file's data pages: spec [], model [0].
     */
    static boolean wrappedRangePunch(int pageSize) {
        var m = new AshmemModel(pageSize);
        int fd = m.openHandle();
        m.ioctl(fd, new Command.SetSize(1L << 32));
        m.mmap(fd, pageSize, Prot.READ | Prot.WRITE, true, 0);
        m.store(1, 0, new byte[] {1});
        m.ioctl(fd, Command.unpin(0, 0));
        m.shrinkScan(1, true);
        return !m.snapshot().files().getFirst().dataPages().isEmpty();
    }

    /** The implementation to compare with the installed model. */
    static OffHeapAshmem implementationFor(int pageSize) {
        if (!wrappedRangePunch(pageSize)) {
            return new OffHeapAshmem(pageSize);
        }
        return new OffHeapAshmem(pageSize) {
            @Override
            protected PageSpan punchExtent(long start, long end, long pageCount) {
                return start == end ? PageSpan.EMPTY : super.punchExtent(start, end, pageCount); // as the model
            }
        };
    }
}
