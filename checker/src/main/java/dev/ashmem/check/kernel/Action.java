package dev.ashmem.check.kernel;

/**
 * One letter of a scope's alphabet made concrete: a transition the kernel can take. Fields are raw so
 * the kernel reads them without unboxing; their meaning depends on the kind:
 * <ul>
 * <li>PIN, UNPIN, STATUS: slot = area, x = offset, y = len (u32), flag = unreadable argument</li>
 * <li>SCAN: x = nrToScan (u64), flag = mayEnterFs</li>
 * <li>PURGE: slot = area (the handle used), flag = CAP_SYS_ADMIN</li>
 * <li>MMAP: slot = area, x = length, y = offset, p = prot, flag = shared</li>
 * <li>MUNMAP: slot = mapping; MPROTECT: slot = mapping, p = prot; WRITE: slot = mapping, p = page of the mapping</li>
 * <li>CLOSE, OPEN: slot = area</li>
 * <li>PROT: slot = area, p = mask, flag = READ_IMPLIES_EXEC caller</li>
 * <li>SIZE: slot = area, p = index in the scope's size table, x = the size</li>
 * <li>MARK, PUNCH, RELEASE: slot = shrinker thread</li>
 * </ul>
 *
 * @param thread the caller thread issuing a driver operation (concurrency exploration; 0 otherwise)
 */
public record Action(ActionKind kind, int slot, int thread, long x, long y, int p, boolean flag) {

    @Override
    public String toString() {
        return kind + "(slot " + slot + (thread != 0 ? ", thread " + thread : "") + ", " + Long.toUnsignedString(x) + ", "
                + Long.toUnsignedString(y) + ", " + p + ", " + flag + ")";
    }
}
