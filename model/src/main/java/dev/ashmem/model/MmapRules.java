package dev.ashmem.model;

/** mmap, munmap and mprotect of an ashmem handle. */
final class MmapRules {
    private MmapRules() {
    }

    /** READ_IMPLIES_EXEC: a READ request also asks for EXEC (PROT-RIE, MMAP-PROT, MPROTECT-MAY). */
    static int withPersonality(ModelState s, int prot, Caller caller) {
        if (caller.readImpliesExec() && (prot & Prot.READ) != 0) {
            s.fire("CTX-CALLER");
            return prot | Prot.EXEC;
        }
        return prot;
    }

    static Result mmap(ModelState s, Area area, long length, int prot, boolean shared, long offset, Caller caller) {
        // MMAP-SYSCALL: the generic checks of mmap(2) before the driver is called.
        if ((offset & (s.pageSize - 1)) != 0 || length == 0 || (prot & ~Prot.ALL) != 0) {
            return s.reject("MMAP-SYSCALL", Errno.EINVAL);
        }
        long mapLength = s.pageAlign(length);
        if (mapLength == 0) {
            return s.reject("MMAP-SYSCALL", Errno.ENOMEM);
        }
        long pgoff = offset >> Integer.numberOfTrailingZeros(s.pageSize); // off_t shifted: negative -> huge
        if (Unsigned.lt(pgoff + Long.divideUnsigned(mapLength, s.pageSize), pgoff)) {
            return s.reject("MMAP-SYSCALL", Errno.EOVERFLOW);
        }
        if (Unsigned.lt(Abi.TASK_SIZE, mapLength)) {
            return s.reject("MMAP-SYSCALL", Errno.ENOMEM);
        }
        prot = withPersonality(s, prot, caller);
        // The driver, under the mutex.
        if (area.size == 0) {
            return s.reject("MMAP-NOSIZE", Errno.EINVAL);
        }
        if (Unsigned.lt(s.pageAlign(area.size), mapLength)) {
            return s.reject("MMAP-SIZE", Errno.EINVAL);
        }
        if ((prot & ~area.protMask) != 0) {
            return s.reject("MMAP-PROT", Errno.EPERM);
        }
        int may = (int) area.protMask; // later SET_PROT_MASK does not reach this mapping
        s.fire("MMAP-MAY");
        if (area.file == null) {
            if (Unsigned.lt(Abi.MAX_LFS_FILESIZE, area.size)) {
                return s.reject("MMAP-FILE-EINVAL", Errno.EINVAL);
            }
            area.file = new BackingFile(area.id, area.size, area.name, s.pageSize);
        }
        s.fire("MMAP-FILE"); // created now, or the existing file used as it is
        s.fire(shared ? "MMAP-SHARED" : "MMAP-PRIVATE"); // private mappings are anonymous memory
        if (Unsigned.lt(Long.divideUnsigned(s.pageAlign(area.size), s.pageSize), pgoff + mapLength / s.pageSize)) {
            s.fire("MMAP-OFFSET"); // not checked: the window reaches past PAGE_ALIGN(size)
        }
        var mapping = new Mapping(s.nextMappingId++, area.file, mapLength, offset, pgoff, prot, may, shared);
        s.fire("MMAP-ID");
        s.mappings.put(mapping.id, mapping);
        return Result.ok(mapping.id);
    }

    /** MUNMAP-REMOVE. */
    static Result munmap(ModelState s, int id) {
        if (s.mappings.remove(id) == null) {
            return s.reject("MMAP-ID", Errno.EINVAL);
        }
        s.fire("MUNMAP-REMOVE");
        return Result.ZERO;
    }

    /** MPROTECT-MAY. */
    static Result mprotect(ModelState s, int id, int prot, Caller caller) {
        if ((prot & ~Prot.ALL) != 0) {
            return s.reject("MPROTECT-MAY", Errno.EINVAL);
        }
        var m = s.mappings.get(id);
        if (m == null) {
            return s.reject("MMAP-ID", Errno.ENOMEM);
        }
        prot = withPersonality(s, prot, caller);
        if ((prot & ~m.mayProt) != 0) {
            return s.reject("MPROTECT-MAY", Errno.EACCES);
        }
        s.fire("MPROTECT-MAY");
        m.prot = prot;
        return Result.ZERO;
    }
}
