package dev.ashmem.model;

/** mmap, munmap and mprotect of an ashmem handle. */
final class MmapRules {
    /** TASK_SIZE on x86-64: the largest user address space a mapping can take. */
    static final long TASK_SIZE = 1L << 47;
    /** MAX_LFS_FILESIZE: shmem refuses to create a larger file. */
    static final long MAX_LFS_FILESIZE = Long.MAX_VALUE;

    private MmapRules() {
    }

    /** READ_IMPLIES_EXEC: a READ request also asks for EXEC (PROT-RIE, MMAP-PROT, MPROTECT-MAY). */
    static int withPersonality(int prot, Caller caller) {
        return caller.readImpliesExec() && (prot & Prot.READ) != 0 ? prot | Prot.EXEC : prot;
    }

    static Result mmap(ModelState s, Area area, long length, int prot, boolean shared, long offset, Caller caller) {
        // MMAP-SYSCALL: the generic checks of mmap(2) before the driver is called.
        if ((offset & (s.pageSize - 1)) != 0 || length == 0 || (prot & ~Prot.ALL) != 0) {
            return Result.err(Errno.EINVAL);
        }
        long mapLength = s.pageAlign(length);
        if (mapLength == 0) {
            return Result.err(Errno.ENOMEM);
        }
        long pgoff = offset >> Integer.numberOfTrailingZeros(s.pageSize); // off_t shifted: negative -> huge
        if (Unsigned.lt(pgoff + Long.divideUnsigned(mapLength, s.pageSize), pgoff)) {
            return Result.err(Errno.EOVERFLOW);
        }
        if (Unsigned.lt(TASK_SIZE, mapLength)) {
            return Result.err(Errno.ENOMEM);
        }
        prot = withPersonality(prot, caller);
        // The driver, under the mutex.
        if (area.size == 0) {
            return Result.err(Errno.EINVAL); // MMAP-NOSIZE
        }
        if (Unsigned.lt(s.pageAlign(area.size), mapLength)) {
            return Result.err(Errno.EINVAL); // MMAP-SIZE
        }
        if ((prot & ~area.protMask) != 0) {
            return Result.err(Errno.EPERM); // MMAP-PROT
        }
        int may = (int) area.protMask; // MMAP-MAY: later SET_PROT_MASK does not reach this mapping
        if (area.file == null) {
            if (Unsigned.lt(MAX_LFS_FILESIZE, area.size)) {
                return Result.err(Errno.EINVAL); // MMAP-FILE-EINVAL
            }
            area.file = new BackingFile(area.id, area.size, area.name, s.pageSize); // MMAP-FILE
        }
        // MMAP-SHARED shows the file; MMAP-PRIVATE is anonymous memory; MMAP-OFFSET is not checked.
        var mapping = new Mapping(s.nextMappingId++, area.file, mapLength, offset, pgoff, prot, may, shared); // MMAP-ID
        s.mappings.put(mapping.id, mapping);
        return Result.ok(mapping.id);
    }

    /** MUNMAP-REMOVE. */
    static Result munmap(ModelState s, int id) {
        return s.mappings.remove(id) == null ? Result.err(Errno.EINVAL) : Result.ZERO;
    }

    /** MPROTECT-MAY. */
    static Result mprotect(ModelState s, int id, int prot, Caller caller) {
        if ((prot & ~Prot.ALL) != 0) {
            return Result.err(Errno.EINVAL);
        }
        var m = s.mappings.get(id);
        if (m == null) {
            return Result.err(Errno.ENOMEM); // MMAP-ID
        }
        prot = withPersonality(prot, caller);
        if ((prot & ~m.mayProt) != 0) {
            return Result.err(Errno.EACCES);
        }
        m.prot = prot;
        return Result.ZERO;
    }
}
