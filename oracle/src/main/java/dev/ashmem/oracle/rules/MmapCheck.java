package dev.ashmem.oracle.rules;

import dev.ashmem.model.Abi;
import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Prot;
import java.util.Optional;

/**
 * The checks mmap makes before its mask check, in the model's order: the system-call checks
 * (MMAP-SYSCALL), MMAP-NOSIZE and MMAP-SIZE.
 */
public final class MmapCheck {

    /** A failed check: its rule and errno. */
    public record Failure(String rule, Errno errno) {
    }

    private MmapCheck() {
    }

    public static Optional<Failure> beforeProt(int pageSize, AreaSnapshot area, long length, int prot, long offset) {
        if ((offset & (pageSize - 1)) != 0 || length == 0 || (prot & ~Prot.ALL) != 0) {
            return Optional.of(new Failure("MMAP-SYSCALL", Errno.EINVAL));
        }
        long mapLength = Arith.pageAlign(length, pageSize);
        if (mapLength == 0) {
            return Optional.of(new Failure("MMAP-SYSCALL", Errno.ENOMEM));
        }
        long pgoff = offset >> Integer.numberOfTrailingZeros(pageSize);
        if (Long.compareUnsigned(pgoff + Long.divideUnsigned(mapLength, pageSize), pgoff) < 0) {
            return Optional.of(new Failure("MMAP-SYSCALL", Errno.EOVERFLOW));
        }
        if (Long.compareUnsigned(Abi.TASK_SIZE, mapLength) < 0) {
            return Optional.of(new Failure("MMAP-SYSCALL", Errno.ENOMEM));
        }
        if (area.size() == 0) {
            return Optional.of(new Failure("MMAP-NOSIZE", Errno.EINVAL));
        }
        if (Long.compareUnsigned(Arith.pageAlign(area.size(), pageSize), mapLength) < 0) {
            return Optional.of(new Failure("MMAP-SIZE", Errno.EINVAL));
        }
        return Optional.empty();
    }
}
