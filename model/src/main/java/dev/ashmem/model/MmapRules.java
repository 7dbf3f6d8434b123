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

    /**
     * The checks of mm/mmap.c's do_mmap and get_unmapped_area, and file_mmap_ok for a character device,
     * that precede the driver (MMAP-SYSCALL); null when all pass. prot bits outside rwx are not checked:
     * calc_vm_prot_bits reads only READ, WRITE and EXEC.
     */
    static Result genericChecks(ModelState s, long length, long mapLength, long pgoff) {
        if (length == 0) {
            return s.reject("MMAP-SYSCALL", Errno.EINVAL); // do_mmap: !len
        }
        if (mapLength == 0) {
            return s.reject("MMAP-SYSCALL", Errno.ENOMEM); // do_mmap: PAGE_ALIGN(len) wrapped to 0
        }
        int shift = Integer.numberOfTrailingZeros(s.pageSize);
        if (Unsigned.lt(pgoff + (mapLength >>> shift), pgoff)) {
            return s.reject("MMAP-SYSCALL", Errno.EOVERFLOW); // do_mmap: offset overflow (unreachable on 64-bit)
        }
        if (Unsigned.lt(s.platform.taskSize(), mapLength)) {
            s.fire("CTX-PLATFORM");
            return s.reject("MMAP-SYSCALL", Errno.ENOMEM); // get_unmapped_area: len > TASK_SIZE
        }
        if (Unsigned.lt((Abi.U64_MAX - mapLength) >>> shift, pgoff)) {
            return s.reject("MMAP-SYSCALL", Errno.EOVERFLOW); // file_mmap_ok: a char device ends at 2^64 - 1
        }
        return null;
    }

    static Result mmap(ModelState s, int fd, long length, int prot, boolean shared, long offset, Caller caller) {
        // MMAP-ENTRY: the architecture's mmap entry refuses a misaligned offset before it looks up the fd,
        // and shifts the offset as an unsigned long.
        if ((offset & (s.pageSize - 1)) != 0) {
            return s.reject("MMAP-ENTRY", Errno.EINVAL);
        }
        long pgoff = offset >>> Integer.numberOfTrailingZeros(s.pageSize);
        var area = s.handles.get(fd);
        if (area == null) {
            return s.reject("HANDLE-EBADF", Errno.EBADF); // ksys_mmap_pgoff: fget
        }
        prot = withPersonality(s, prot, caller) & Prot.ALL; // do_mmap adds EXEC before its checks
        long mapLength = s.pageAlign(length);
        var refused = genericChecks(s, length, mapLength, pgoff);
        if (refused != null) {
            return refused;
        }
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

    /** MPROTECT-MAY: mm/mprotect.c do_mprotect_pkey over the whole mapping. */
    static Result mprotect(ModelState s, int id, int prot, Caller caller) {
        int grows = prot & (Prot.GROWSDOWN | Prot.GROWSUP);
        prot &= ~grows;
        if (grows == (Prot.GROWSDOWN | Prot.GROWSUP)) {
            return s.reject("MPROTECT-MAY", Errno.EINVAL); // can't be both
        }
        if ((prot & ~s.platform.mprotectBits()) != 0) {
            s.fire("CTX-PLATFORM");
            return s.reject("MPROTECT-MAY", Errno.EINVAL); // arch_validate_prot
        }
        var m = s.mappings.get(id);
        if (m == null) {
            return s.reject("MMAP-ID", Errno.ENOMEM); // find_vma: nothing mapped there
        }
        if (grows != 0) {
            return s.reject("MPROTECT-MAY", Errno.EINVAL); // an ashmem mapping has no VM_GROWSDOWN/UP
        }
        if ((m.mayProt & Prot.EXEC) != 0) {
            prot = withPersonality(s, prot, caller); // READ_IMPLIES_EXEC only where VM_MAYEXEC is set
        }
        prot &= Prot.ALL; // calc_vm_prot_bits: PROT_SEM has no VM flag
        if ((prot & ~m.mayProt) != 0) {
            return s.reject("MPROTECT-MAY", Errno.EACCES);
        }
        s.fire("MPROTECT-MAY");
        m.prot = prot;
        return Result.ZERO;
    }
}
