package dev.ashmem.oracle.profile;

import dev.ashmem.model.Abi;
import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.ByteRuns;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Errno;
import dev.ashmem.model.FileSnapshot;
import dev.ashmem.model.Invariants;
import dev.ashmem.model.MappingSnapshot;
import dev.ashmem.model.Platform;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.model.Unsigned;
import dev.ashmem.model.Whence;
import dev.ashmem.trace.Difference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A region as a memfd (spec 10.1, the memfd profiles): handles, regions not yet created, the memfds and
 * their mappings, with the kernel's behaviour for a regular shmem file. The two profiles differ only in
 * their ioctls, which subclasses answer. An area here is what the driver calls one: what open made,
 * shared by dup; it gets its memfd at its first SET_SIZE (libcutils' ashmem_create_region takes the name
 * and the size at once).
 *
 * <p>Nothing of the ashmem model applies (no LRU, no unpinned ranges), so the model underneath that
 * {@link #model()} offers shrinker threads stays empty: their steps find nothing to do.
 */
abstract sealed class MemfdRegionDevice implements ProfileDevice permits CutilsMemfdDevice, MemfdCompatDevice {
    /** One open(): its name to be (null: never named), its memfd once created, the shared file position. */
    static final class Area {
        final int id;
        byte[] pendingName;
        MemfdFile file;
        long position;

        Area(int id) {
            this.id = id;
        }
    }

    /** One mapping: a window of a memfd, with its private copies for a private one. */
    static final class Mapping {
        final int id;
        final MemfdFile file;
        final long length;
        final long offset;
        final long pgoff;
        int prot;
        final int may;
        final boolean shared;
        final Map<Long, byte[]> privatePages = new HashMap<>();

        Mapping(int id, MemfdFile file, long length, long offset, long pgoff, int prot, int may, boolean shared) {
            this.id = id;
            this.file = file;
            this.length = length;
            this.offset = offset;
            this.pgoff = pgoff;
            this.prot = prot;
            this.may = may;
            this.shared = shared;
        }
    }

    /** A mapping this long finds room in any process (x86-64 leaves ~2^46 bytes between heap and libraries). */
    private static final long SURELY_FITS = 1L << 40;
    /** Never free for a mapping: the stack's guard gap (stack_guard_gap, 256 pages) alone is 1 MiB or more. */
    private static final long NEVER_FREE = 1L << 20;

    protected final int pageSize;
    private final AshmemModel idle;
    protected final Platform platform; // the model's: address-space size, mprotect bits, readable prots
    protected final TreeMap<Integer, Area> handles = new TreeMap<>();
    protected final TreeMap<Integer, Mapping> mappings = new TreeMap<>();
    private int nextAreaId;
    private int nextMappingId = 1; // MMAP-ID: as the model; 0 names no mapping in traces (trace-format.md)
    private Difference last;

    MemfdRegionDevice(int pageSize, Platform platform) {
        this.pageSize = pageSize;
        this.idle = new AshmemModel(pageSize, platform);
        this.platform = idle.platform();
    }

    /** Copies {@code from}'s whole state into this fresh device. */
    protected final void copyFrom(MemfdRegionDevice from) {
        var files = new IdentityHashMap<MemfdFile, MemfdFile>();
        var areas = new IdentityHashMap<Area, Area>();
        from.handles.forEach((fd, a) -> handles.put(fd, areas.computeIfAbsent(a, x -> {
            var c = new Area(x.id);
            c.pendingName = x.pendingName;
            c.position = x.position;
            c.file = x.file == null ? null : files.computeIfAbsent(x.file, MemfdFile::copy);
            return c;
        })));
        from.mappings.forEach((id, m) -> {
            var c = new Mapping(m.id, files.computeIfAbsent(m.file, MemfdFile::copy), m.length, m.offset, m.pgoff, m.prot, m.may, m.shared);
            m.privatePages.forEach((k, v) -> c.privatePages.put(k, v.clone()));
            mappings.put(id, c);
        });
        nextAreaId = from.nextAreaId;
        nextMappingId = from.nextMappingId;
    }

    /** Records the documented difference the current operation applied. */
    protected final <T> T differ(Difference d, T result) {
        last = d;
        return result;
    }

    /** This profile's constant for the shared differences. */
    protected abstract Difference created();

    protected abstract Difference fileFromCreation();

    protected abstract Difference mmapOfAFile();

    protected abstract Difference privateView();

    protected abstract Difference noShrinker();

    /** The ioctls, which is where the two profiles part. */
    protected abstract Result regionIoctl(int fd, Area area, Command cmd, Caller caller);

    @Override
    public final Result ioctl(int fd, Command cmd, Caller caller) {
        last = null;
        return regionIoctl(fd, handles.get(fd), cmd, caller);
    }

    /** SET_NAME on an area not created yet: the name memfd_create will get (bytes up to the first NUL). */
    protected final Result nameToBe(Area area, Command.SetName c) {
        if (c.badPointer()) {
            return differ(created(), Result.err(Errno.EFAULT));
        }
        byte[] b = c.bytes();
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        area.pendingName = java.util.Arrays.copyOf(b, n);
        return differ(created(), Result.ZERO);
    }

    /** SET_SIZE on an area not created yet: libcutils' memfd_create_region(name or "none", size). */
    protected final Result create(Area area, long size) {
        byte[] name = area.pendingName != null ? area.pendingName : "none".getBytes(StandardCharsets.US_ASCII);
        if (name.length > 249) {
            return differ(created(), Result.err(Errno.EINVAL)); // memfd_create: MFD_NAME_MAX_LEN
        }
        if (size < 0) {
            return differ(created(), Result.err(Errno.EINVAL)); // ftruncate of a negative off_t
        }
        area.file = new MemfdFile(area.id, name, size, pageSize);
        return differ(created(), Result.ZERO);
    }

    @Override
    public Result open() {
        last = null;
        int fd = lowestFree();
        handles.put(fd, new Area(nextAreaId++));
        return differ(created(), Result.ok(fd));
    }

    private int lowestFree() {
        int fd = 0;
        while (handles.containsKey(fd)) {
            fd++;
        }
        return fd;
    }

    @Override
    public Result dup(int fd) {
        last = null;
        var area = handles.get(fd);
        if (area == null) {
            return Result.err(Errno.EBADF); // HANDLE-EBADF
        }
        if (area.file == null) {
            return differ(created(), Result.err(Errno.EBADF)); // dup(-1)
        }
        int n = lowestFree();
        handles.put(n, area);
        return Result.ok(n);
    }

    @Override
    public Result close(int fd) {
        last = null;
        if (handles.remove(fd) == null) {
            return Result.err(Errno.EBADF); // HANDLE-EBADF
        }
        return Result.ZERO; // the memfd lives on in its mappings
    }

    @Override
    public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
        last = null;
        if ((offset & (pageSize - 1)) != 0) {
            return Result.err(Errno.EINVAL); // MMAP-ENTRY: before the fd
        }
        int shift = Integer.numberOfTrailingZeros(pageSize);
        long pgoff = offset >>> shift;
        var area = handles.get(fd);
        if (area == null) {
            return Result.err(Errno.EBADF); // HANDLE-EBADF
        }
        if (area.file == null) {
            return differ(created(), Result.err(Errno.EBADF)); // mmap of fd -1
        }
        var file = area.file;
        last = mmapOfAFile();
        if (caller.readImpliesExec() && (prot & Prot.READ) != 0) {
            prot |= Prot.EXEC; // do_mmap: a shmem file is not on a noexec mount
        }
        prot &= Prot.ALL;
        // do_mmap's own checks (MMAP-SYSCALL), then file_mmap_ok for a regular file (MAX_LFS_FILESIZE)
        if (length == 0) {
            return Result.err(Errno.EINVAL);
        }
        long mapLength = Unsigned.pageAlign(length, pageSize);
        if (mapLength == 0) {
            return Result.err(Errno.ENOMEM);
        }
        if (Unsigned.lt(pgoff + (mapLength >>> shift), pgoff)) {
            return Result.err(Errno.EOVERFLOW);
        }
        if (Unsigned.lt(platform.taskSize(), mapLength)) {
            return Result.err(Errno.ENOMEM); // get_unmapped_area
        }
        if (Unsigned.lt(platform.taskSize() - NEVER_FREE, mapLength)) {
            return Result.err(Errno.ENOMEM); // get_unmapped_area: the stack and its guard gap are always there
        }
        if (Unsigned.lt(SURELY_FITS, mapLength)) {
            // No size check stops it, so get_unmapped_area decides, on the process's own layout.
            throw new ProfileLimitation("profile " + profile().word() + " cannot evaluate a mapping of "
                    + Long.toUnsignedString(mapLength) + " bytes: whether it fits depends on the process's free address space");
        }
        if (Unsigned.lt(Abi.MAX_LFS_FILESIZE, mapLength) || Unsigned.lt((Abi.MAX_LFS_FILESIZE - mapLength) >>> shift, pgoff)) {
            return Result.err(Errno.EOVERFLOW); // file_mmap_ok
        }
        int may = Prot.ALL;
        if (shared && file.futureWriteSealed) {
            if ((prot & Prot.WRITE) != 0) {
                return Result.err(Errno.EPERM); // memfd_check_seals_mmap
            }
            may = Prot.READ | Prot.EXEC; // VM_MAYWRITE cleared
        }
        var m = new Mapping(nextMappingId++, file, mapLength, offset, pgoff, prot, may, shared);
        mappings.put(m.id, m);
        return Result.ok(m.id);
    }

    @Override
    public Result munmap(int mapping) {
        last = null;
        return mappings.remove(mapping) == null ? Result.err(Errno.EINVAL) : Result.ZERO; // MMAP-ID, MUNMAP-REMOVE
    }

    @Override
    public Result mprotect(int mapping, int prot, Caller caller) {
        last = null;
        // MPROTECT-MAY: do_mprotect_pkey, as for any file mapping
        int grows = prot & (Prot.GROWSDOWN | Prot.GROWSUP);
        prot &= ~grows;
        if (grows == (Prot.GROWSDOWN | Prot.GROWSUP)) {
            return Result.err(Errno.EINVAL);
        }
        if ((prot & ~platform.mprotectBits()) != 0) {
            return Result.err(Errno.EINVAL);
        }
        var m = mappings.get(mapping);
        if (m == null) {
            return Result.err(Errno.ENOMEM);
        }
        if (grows != 0) {
            return Result.err(Errno.EINVAL);
        }
        if ((m.may & Prot.EXEC) != 0 && caller.readImpliesExec() && (prot & Prot.READ) != 0) {
            prot |= Prot.EXEC;
        }
        prot &= Prot.ALL;
        if ((prot & ~m.may) != 0) {
            return differ(mmapOfAFile(), Result.err(Errno.EACCES)); // a shared mapping of a sealed memfd
        }
        m.prot = prot;
        return Result.ZERO;
    }

    @Override
    public Result load(int mapping, long offset, int length) {
        last = null;
        var m = mappings.get(mapping);
        var fault = check(m, offset, length, Prot.READ);
        if (fault != null) {
            return fault;
        }
        var out = new ByteRuns.Builder();
        for (int i = 0; i < length; ) {
            long at = offset + i;
            long mapPage = at / pageSize;
            int inPage = (int) (at % pageSize);
            int n = Math.min(pageSize - inPage, length - i);
            byte[] own = m.shared ? null : m.privatePages.get(mapPage);
            MemfdFile.appendPage(out, own != null ? own : m.file.touch(m.pgoff + mapPage), inPage, n); // a read fault allocates
            i += n;
        }
        if (!m.shared && length > 0) {
            last = privateView();
        }
        return new Result.Bytes(out.build());
    }

    @Override
    public Result store(int mapping, long offset, byte[] data) {
        last = null;
        var m = mappings.get(mapping);
        var fault = check(m, offset, data.length, Prot.WRITE);
        if (fault != null) {
            return fault;
        }
        for (int i = 0; i < data.length; ) {
            long at = offset + i;
            long mapPage = at / pageSize;
            int inPage = (int) (at % pageSize);
            int n = Math.min(pageSize - inPage, data.length - i);
            byte[] page = m.shared ? m.file.writable(m.pgoff + mapPage)
                    : m.privatePages.computeIfAbsent(mapPage, p -> m.file.copyOf(m.pgoff + p)); // do_cow_fault
            System.arraycopy(data, i, page, inPage, n);
            i += n;
        }
        if (!m.shared && data.length > 0) {
            last = privateView();
        }
        return Result.ZERO;
    }

    /** MEM-BOUNDS, MEM-RIGHTS, then EOF for shared and private mappings alike (shmem_fault). */
    private Result check(Mapping m, long offset, int length, int right) {
        if (m == null || offset < 0 || offset > m.length || m.length - offset < length) {
            return new Result.Fault(Result.Signal.SIGSEGV);
        }
        if (length == 0) {
            return null;
        }
        boolean allowed = right == Prot.READ ? platform.readable(m.prot) : (m.prot & right) != 0;
        if (!allowed) {
            return new Result.Fault(Result.Signal.SIGSEGV);
        }
        long first = m.pgoff + offset / pageSize;
        long lastPage = m.pgoff + (offset + length - 1) / pageSize;
        if (Unsigned.ge(lastPage, m.file.pageCount()) || Unsigned.lt(lastPage, first)) {
            return differ(m.shared ? mmapOfAFile() : privateView(), new Result.Fault(Result.Signal.SIGBUS));
        }
        return null;
    }

    /** MAX_RW_COUNT: one read returns at most INT_MAX rounded down to a page. */
    private static final int MAX_RW_COUNT = Integer.MAX_VALUE & ~4095;

    @Override
    public Result read(int fd, int count) {
        last = null;
        var area = handles.get(fd);
        if (area == null) {
            return Result.err(Errno.EBADF);
        }
        if (area.file == null) {
            return differ(created(), Result.err(Errno.EBADF));
        }
        if (count < 0) {
            return Result.err(Errno.EFAULT); // READ-SYSCALL: access_ok
        }
        if (area.position + count < 0) {
            return Result.err(Errno.EINVAL); // READ-SYSCALL: rw_verify_area
        }
        last = fileFromCreation();
        var file = area.file;
        long pos = area.position;
        if (pos >= file.size) {
            return new Result.Bytes(new byte[0]);
        }
        int n = (int) Math.min(Math.min(count, MAX_RW_COUNT), file.size - pos);
        var out = new ByteRuns.Builder();
        file.copyOut(pos, n, out);
        area.position = pos + n;
        return new Result.Bytes(out.build());
    }

    @Override
    public Result llseek(int fd, long offset, int whence) {
        last = null;
        var area = handles.get(fd);
        if (area == null) {
            return Result.err(Errno.EBADF);
        }
        if (area.file == null) {
            return differ(created(), Result.err(Errno.EBADF));
        }
        if (Integer.compareUnsigned(whence, Whence.SEEK_HOLE) > 0) {
            return Result.err(Errno.EINVAL); // SEEK-WHENCE
        }
        last = fileFromCreation();
        var file = area.file;
        long target;
        switch (whence) {
            case Whence.SEEK_SET -> target = offset;
            case Whence.SEEK_CUR -> {
                if (offset == 0) {
                    return Result.ok(area.position);
                }
                target = area.position + offset;
            }
            case Whence.SEEK_END -> target = file.size + offset;
            default -> { // SEEK-DATA, SEEK-HOLE: shmem_file_llseek
                if (offset < 0 || offset >= file.size) {
                    return Result.err(Errno.ENXIO);
                }
                long found = whence == Whence.SEEK_DATA ? seekData(file, offset) : seekHole(file, offset);
                if (found < 0) {
                    return Result.err(Errno.ENXIO);
                }
                area.position = found;
                return Result.ok(found);
            }
        }
        if (target < 0) {
            return Result.err(Errno.EINVAL);
        }
        area.position = target;
        return Result.ok(target);
    }

    private long seekData(MemfdFile file, long offset) {
        long page = offset / pageSize;
        if (file.isData(page)) {
            return offset;
        }
        var next = file.pages.ceilingKey(page);
        if (next == null || next >= file.pageCount()) {
            return -1;
        }
        return next * pageSize;
    }

    private long seekHole(MemfdFile file, long offset) {
        long page = offset / pageSize;
        if (!file.isData(page)) {
            return offset;
        }
        while (file.isData(page)) {
            page++;
        }
        return Math.min(page * pageSize, file.size);
    }

    @Override
    public long shrinkCount() {
        last = noShrinker();
        return 0;
    }

    @Override
    public long shrinkScan(long nrToScan, boolean mayEnterFs) {
        last = noShrinker();
        return 0;
    }

    /** The prot mask the memfd's seals stand for (the shim's get_prot_mask). */
    protected static int maskOf(MemfdFile file) {
        return file.futureWriteSealed ? Prot.READ | Prot.EXEC : Prot.ALL;
    }

    @Override
    public final DeviceSnapshot snapshot() {
        var areas = new ArrayList<AreaSnapshot>();
        var seen = new IdentityHashMap<Area, List<Integer>>();
        handles.forEach((fd, a) -> seen.computeIfAbsent(a, x -> new ArrayList<>()).add(fd));
        seen.forEach((a, fds) -> {
            var f = a.file;
            byte[] name = f != null ? f.name : a.pendingName != null ? a.pendingName : new byte[0];
            areas.add(new AreaSnapshot(a.id, fds, new String(name, StandardCharsets.ISO_8859_1), f == null ? 0 : f.size,
                    f == null ? Prot.ALL : maskOf(f), f != null, a.position, List.of()));
        });
        areas.sort(java.util.Comparator.comparingInt(AreaSnapshot::id));
        var maps = new ArrayList<MappingSnapshot>();
        var files = new IdentityHashMap<MemfdFile, Boolean>(); // alive while an area or a mapping holds it
        seen.keySet().stream().filter(a -> a.file != null).forEach(a -> files.put(a.file, true));
        mappings.values().forEach(m -> {
            files.put(m.file, true);
            maps.add(new MappingSnapshot(m.id, m.file.areaId, m.length, m.offset, m.prot, m.may, m.shared));
        });
        var fileSnaps = new ArrayList<FileSnapshot>();
        files.keySet().forEach(f -> fileSnaps.add(new FileSnapshot(f.areaId, f.size, List.copyOf(f.pages.keySet()))));
        fileSnaps.sort(java.util.Comparator.comparingInt(FileSnapshot::area));
        return new DeviceSnapshot(pageSize, areas, List.of(), 0, maps, fileSnaps);
    }

    @Override
    public final Optional<Difference> lastDifference() {
        return Optional.ofNullable(last);
    }

    /** No rule of the reference decides anything here. */
    @Override
    public final List<String> lastRules() {
        return List.of();
    }

    @Override
    public final AshmemModel model() {
        return idle;
    }

    @Override
    public final List<Invariants.Violation> violations() {
        return List.of();
    }

    @Override
    public final int pageSize() {
        return pageSize;
    }

    @Override
    public String toString() {
        return profile().word() + " " + snapshot();
    }
}
