package dev.ashmem.model;

import java.util.Objects;

/**
 * The facts of the kernel's generic layer that depend on the architecture (spec CTX-PLATFORM), an
 * explicit context value like the page size: the model takes them as inputs instead of assuming one
 * machine.
 *
 * @param name             a label for reports ("x86-64", "arm64")
 * @param taskSize         TASK_SIZE, the user address space: a longer mapping is ENOMEM (MMAP-SYSCALL)
 * @param mprotectBits     the prot bits mprotect's arch_validate_prot accepts (MPROTECT-MAY); mmap
 *                         checks none
 * @param writeImpliesRead a mapping with WRITE can be read whatever its READ bit (MEM-RIGHTS): the
 *                         architecture has no write-only page
 * @param execImpliesRead  a mapping with EXEC can be read whatever its READ bit (MEM-RIGHTS): no
 *                         execute-only page (false on x86-64 with protection keys, arm64 from 6.2
 *                         with EPAN)
 */
public record Platform(String name, long taskSize, int mprotectBits, boolean writeImpliesRead, boolean execImpliesRead) {
    /** x86-64, 4-level paging, no protection keys: the spec's default (Linux 5.15). */
    public static final Platform X86_64 = new Platform("x86-64", Abi.TASK_SIZE, Prot.ALL | Prot.SEM, true, true);
    /** arm64 with 4 KiB pages and 48-bit virtual addresses, no BTI or MTE (Linux 5.15). */
    public static final Platform ARM64 = new Platform("arm64", Abi.TASK_SIZE_ARM64_48, Prot.ALL | Prot.SEM, true, true);

    public Platform {
        Objects.requireNonNull(name, "name");
        if (taskSize <= 0) {
            throw new IllegalArgumentException("TASK_SIZE must be positive: " + taskSize);
        }
        if ((mprotectBits & Prot.ALL) != Prot.ALL) {
            throw new IllegalArgumentException("mprotect must accept rwx: 0x" + Integer.toHexString(mprotectBits));
        }
    }

    /** Whether a load through a mapping of current prot {@code prot} reads (MEM-RIGHTS). */
    public boolean readable(int prot) {
        return (prot & Prot.READ) != 0
                || writeImpliesRead && (prot & Prot.WRITE) != 0
                || execImpliesRead && (prot & Prot.EXEC) != 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
