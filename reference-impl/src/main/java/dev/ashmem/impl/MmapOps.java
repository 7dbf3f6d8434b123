package dev.ashmem.impl;

import static dev.ashmem.impl.DeviceState.err;
import static dev.ashmem.impl.DeviceState.osError;

import dev.ashmem.impl.file.BackingFile;
import dev.ashmem.impl.mm.MappedWindow;
import dev.ashmem.impl.sys.SysException;
import dev.ashmem.model.Abi;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Names;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.model.Unsigned;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * mmap, munmap and mprotect of a handle, on real mappings, and the write seal of the backing file; the
 * counterpart of the model's MmapRules.
 */
final class MmapOps {
    private final DeviceState s;
    private final HandleOps handleOps;

    MmapOps(DeviceState s, HandleOps handleOps) {
        this.s = s;
        this.handleOps = handleOps;
    }

    static int withPersonality(int prot, Caller caller) {
        return caller.readImpliesExec() && (prot & Prot.READ) != 0 ? prot | Prot.EXEC : prot;
    }

    Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
        Objects.requireNonNull(caller, "caller");
        if ((offset & (s.pageSize - 1)) != 0) {
            return err(Errno.EINVAL); // MMAP-ENTRY: sys_mmap, before the fd is looked up
        }
        long pgoff = offset >>> Integer.numberOfTrailingZeros(s.pageSize); // MMAP-ENTRY: an unsigned long shifted
        var area = s.handles.acquire(fd);
        if (area == null) {
            return err(Errno.EBADF); // HANDLE-EBADF
        }
        try {
            int wanted = withPersonality(prot, caller) & Prot.ALL; // calc_vm_prot_bits reads rwx only
            // MMAP-SYSCALL: do_mmap, get_unmapped_area, file_mmap_ok, before the driver is called.
            if (length == 0) {
                return err(Errno.EINVAL);
            }
            long mapLength = s.pageAlign(length);
            if (mapLength == 0) {
                return err(Errno.ENOMEM);
            }
            int shift = Integer.numberOfTrailingZeros(s.pageSize);
            if (Unsigned.lt(pgoff + (mapLength >>> shift), pgoff)) {
                return err(Errno.EOVERFLOW);
            }
            if (Unsigned.lt(s.platform.taskSize(), mapLength)) {
                return err(Errno.ENOMEM); // len > TASK_SIZE
            }
            if (Unsigned.lt((Abi.U64_MAX - mapLength) >>> shift, pgoff)) {
                return err(Errno.EOVERFLOW); // a character device's offsets end at 2^64 - 1
            }
            s.mmapLock.writeLock().lock();
            try {
                s.mutex.lock();
                try {
                    return mmapLocked(area, mapLength, wanted, shared, offset, pgoff);
                } finally {
                    s.mutex.unlock();
                }
            } finally {
                s.mmapLock.writeLock().unlock();
            }
        } finally {
            handleOps.put(area);
        }
    }

    /** ashmem_mmap(): MMAP-NOSIZE, MMAP-SIZE, MMAP-PROT, MMAP-MAY, MMAP-FILE-EINVAL, MMAP-FILE, MMAP-SHARED, MMAP-PRIVATE. */
    private Result mmapLocked(Area area, long mapLength, int prot, boolean shared, long offset, long pgoff) {
        if (s.mappingsClosed) {
            return err(Errno.EBADF); // the device's close took the handle this call started with
        }
        long size = area.size;
        if (size == 0) {
            return err(Errno.EINVAL); // MMAP-NOSIZE
        }
        if (!s.decisions.mmapLengthAllowed(mapLength, s.pageAlign(size))) {
            return err(Errno.EINVAL); // MMAP-SIZE
        }
        if ((prot & ~area.protMask) != 0) {
            return err(Errno.EPERM); // MMAP-PROT
        }
        int may = s.decisions.mayRights(area.protMask); // MMAP-MAY: a later SET_PROT_MASK does not reach this mapping
        var file = area.file;
        if (file == null) {
            if (Unsigned.lt(Abi.MAX_LFS_FILESIZE, size)) {
                return err(Errno.EINVAL); // MMAP-FILE-EINVAL
            }
            var name = area.name.length == 0 ? Names.DEFAULT.getBytes(StandardCharsets.US_ASCII)
                    : concat(OffHeapAshmem.NAME_PREFIX.getBytes(StandardCharsets.US_ASCII), area.name);
            try {
                file = BackingFile.create(area.id, name, size, s.pageSize); // MMAP-FILE
            } catch (SysException e) {
                return osError("mmap", e);
            }
            if ((area.protMask & Prot.WRITE) == 0) {
                file.sealAgainstWrites(List.of()); // no mapping of it exists yet
            }
            area.file = file;
        }
        boolean fileBacked = shared || !s.decisions.privateMappingIsAnonymous();
        MappedWindow window;
        try {
            window = fileBacked
                    ? MappedWindow.ofFile(file.fd(), file.memfdSize(), offset, mapLength, osProt(prot), shared) // MMAP-SHARED
                    : MappedWindow.anonymous(mapLength, osProt(prot)); // MMAP-PRIVATE: anonymous memory
        } catch (SysException e) {
            return osError("mmap", e); // e.g. ENOMEM for a huge private writable mapping
        }
        file.retain(); // the mapping's own reference (CLOSE-MAPPINGS)
        int id = s.nextMappingId++; // MMAP-ID
        while (s.mappings.containsKey(id)) {
            id = s.nextMappingId++; // past 2^32 mmaps the counter wraps onto ids still mapped: never reuse a live one
        }
        s.mappings.put(id, new LiveMapping(id, area.id, file, mapLength, offset, pgoff, prot, may, shared, fileBacked, window));
        return Result.ok(id);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        var out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** MUNMAP-REMOVE. */
    Result munmap(int mapping) {
        LiveMapping m;
        s.mmapLock.writeLock().lock();
        try {
            m = s.mappings.remove(mapping);
            if (m == null) {
                return err(Errno.EINVAL);
            }
            m.window.unmap();
        } finally {
            s.mmapLock.writeLock().unlock();
        }
        m.file.release();
        return Result.ZERO;
    }

    /** MPROTECT-MAY (do_mprotect_pkey over the whole mapping), applied to the real mapping too. */
    Result mprotect(int mapping, int prot, Caller caller) {
        Objects.requireNonNull(caller, "caller");
        int grows = prot & (Prot.GROWSDOWN | Prot.GROWSUP);
        prot &= ~grows;
        if (grows == (Prot.GROWSDOWN | Prot.GROWSUP) || (prot & ~s.platform.mprotectBits()) != 0) {
            return err(Errno.EINVAL); // both grows bits; arch_validate_prot
        }
        s.mmapLock.writeLock().lock();
        try {
            var m = s.mappings.get(mapping);
            if (m == null) {
                return err(Errno.ENOMEM); // MMAP-ID: nothing mapped there
            }
            if (grows != 0) {
                return err(Errno.EINVAL); // no ashmem mapping grows
            }
            if ((m.mayProt & Prot.EXEC) != 0) {
                prot = withPersonality(prot, caller); // READ_IMPLIES_EXEC only with VM_MAYEXEC
            }
            prot &= Prot.ALL; // PROT_SEM has no page-table meaning
            if ((prot & ~m.mayProt) != 0) {
                return err(Errno.EACCES);
            }
            int r = m.window.protect(osProt(prot));
            if (r == -MappedWindow.EBUSY) {
                // Outside the spec: Linux would change it under the call; here that call could fault and kill the JVM.
                throw new IllegalStateException("mprotect of mapping " + mapping + ": a segment of it is in use by a native call"
                        + " or NIO I/O (its arena cannot be closed), so no right can be taken away under it; retry once that call has returned");
            }
            if (r < 0) {
                return osError("mprotect", new SysException("mprotect", -r));
            }
            m.prot = prot;
            return Result.ZERO;
        } finally {
            s.mmapLock.writeLock().unlock();
        }
    }

    /**
     * The prot the host's mapping gets: an execute-only request also gets READ, so that the device's own
     * copies (which MemoryOps allows by MEM-RIGHTS) never meet a protection-key execute-only page.
     */
    static int osProt(int prot) {
        return prot == Prot.EXEC ? Prot.READ | Prot.EXEC : prot;
    }
}
