package dev.ashmem.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The executable reference model of ashmem: the formal semantics of the spec in plain, deterministic
 * Java. Each operation is a literal reading of the driver's rules; see the rule classes
 * ({@code PinRules}, {@code DriverShrinker}, {@code MmapRules}, ...) for the rule IDs each part implements.
 * Every operation is one atomic step, as under the driver's global mutex (CONC-MUTEX); GET_SIZE,
 * GET_PROT_MASK and the shrinker's count read without it (CONC-UNLOCKED), which a sequential model
 * cannot tell apart. Not thread-safe: concurrency is explored through the step-wise shrinker methods.
 */
public final class AshmemModel implements AshmemDevice {
    private ModelState s;

    /** A model with 4 KiB pages. */
    public AshmemModel() {
        this(4096);
    }

    /** CTX-PAGE: 4096, 16384 or 65536; the generic layer of x86-64 (CTX-PLATFORM). */
    public AshmemModel(int pageSize) {
        this(pageSize, Platform.X86_64);
    }

    /** CTX-PAGE and CTX-PLATFORM: the page size and the architecture's generic-layer facts. */
    public AshmemModel(int pageSize, Platform platform) {
        this.s = new ModelState(pageSize, platform);
    }

    /**
     * A model whose PIN/UNPIN/GET_PIN_STATUS do not wait for in-flight punches: not the driver, but the
     * protocol with PINARG-WAIT switched off, for explorers that show the race the wait prevents.
     */
    public static AshmemModel withoutInflightWait(int pageSize) {
        var m = new AshmemModel(pageSize);
        m.s.pinWaitsForPunches = false;
        return m;
    }

    private AshmemModel(ModelState state) {
        this.s = state;
    }

    /** An independent deep copy of the whole state. */
    public AshmemModel copy() {
        return new AshmemModel(s.copy());
    }

    @Override
    public int pageSize() {
        return s.pageSize;
    }

    /** The architecture this model answers for (CTX-PLATFORM). */
    public Platform platform() {
        return s.platform;
    }

    @Override
    public Result open() {
        s.fired.clear();
        return HandleRules.open(s); // OPEN-AREA
    }

    @Override
    public Result dup(int fd) {
        s.fired.clear();
        var area = s.handles.get(fd);
        return area == null ? s.reject("HANDLE-EBADF", Errno.EBADF) : HandleRules.dup(s, area); // HANDLE-EBADF, DUP-HANDLE
    }

    @Override
    public Result close(int fd) {
        s.fired.clear();
        return s.handles.containsKey(fd) ? HandleRules.close(s, fd) : s.reject("HANDLE-EBADF", Errno.EBADF); // HANDLE-EBADF
    }

    @Override
    public Result ioctl(int fd, Command cmd, Caller caller) {
        s.fired.clear();
        Objects.requireNonNull(cmd, "cmd");
        Objects.requireNonNull(caller, "caller");
        var area = s.handles.get(fd);
        if (area == null) {
            return s.reject("HANDLE-EBADF", Errno.EBADF);
        }
        return switch (cmd) {
            case Command.SetName c -> AttributeRules.setName(s, area, c);
            case Command.GetName c -> AttributeRules.getName(s, area, c);
            case Command.SetSize c -> AttributeRules.setSize(s, area, c.size());
            case Command.GetSize c -> AttributeRules.getSize(s, area);
            case Command.SetProtMask c -> AttributeRules.setProtMask(s, area, c.prot(), caller);
            case Command.GetProtMask c -> AttributeRules.getProtMask(s, area);
            case Command.Pin c -> PinRules.run(s, area, PinRules.Kind.PIN, c.arg());
            case Command.Unpin c -> PinRules.run(s, area, PinRules.Kind.UNPIN, c.arg());
            case Command.GetPinStatus c -> PinRules.run(s, area, PinRules.Kind.STATUS, c.arg());
            case Command.PurgeAllCaches c -> DriverShrinker.purgeAll(s, caller);
            case Command.Unknown c -> s.reject("IOCTL-UNKNOWN", Errno.ENOTTY);
        };
    }

    @Override
    public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
        s.fired.clear();
        Objects.requireNonNull(caller, "caller");
        return MmapRules.mmap(s, fd, length, prot, shared, offset, caller); // MMAP-ENTRY precedes HANDLE-EBADF
    }

    @Override
    public Result munmap(int mapping) {
        s.fired.clear();
        return MmapRules.munmap(s, mapping);
    }

    @Override
    public Result mprotect(int mapping, int prot, Caller caller) {
        s.fired.clear();
        Objects.requireNonNull(caller, "caller");
        return MmapRules.mprotect(s, mapping, prot, caller);
    }

    @Override
    public Result load(int mapping, long offset, int length) {
        s.fired.clear();
        return MemoryAccess.load(s, mapping, offset, length);
    }

    @Override
    public Result store(int mapping, long offset, byte[] data) {
        s.fired.clear();
        Objects.requireNonNull(data, "data");
        return MemoryAccess.store(s, mapping, offset, data);
    }

    @Override
    public Result read(int fd, int count) {
        s.fired.clear();
        var area = s.handles.get(fd);
        return area == null ? s.reject("HANDLE-EBADF", Errno.EBADF) : FileIo.read(s, area, count);
    }

    @Override
    public Result llseek(int fd, long offset, int whence) {
        s.fired.clear();
        var area = s.handles.get(fd);
        return area == null ? s.reject("HANDLE-EBADF", Errno.EBADF) : FileIo.llseek(s, area, offset, whence);
    }

    @Override
    public long shrinkCount() {
        s.fired.clear();
        return DriverShrinker.count(s);
    }

    @Override
    public long shrinkScan(long nrToScan, boolean mayEnterFs) {
        s.fired.clear();
        return DriverShrinker.scan(s, nrToScan, mayEnterFs);
    }

    /**
     * A scan racing other holders of the mutex: {@code tryLock} answers each of its mutex_trylock calls
     * (one at entry, one after each punch).
     */
    public long shrinkScan(long nrToScan, boolean mayEnterFs, java.util.function.BooleanSupplier tryLock) {
        s.fired.clear();
        return DriverShrinker.scan(s, nrToScan, mayEnterFs, Objects.requireNonNull(tryLock, "tryLock"));
    }

    // The shrinker's steps, for explorers that interleave them with other callers (CONC-PUNCH-UNLOCKED).

    /** Under the mutex: mark the LRU head purged and take it off the LRU; empty when the LRU is. */
    public Optional<PendingPunch> shrinkMarkHead() {
        s.fired.clear();
        return DriverShrinker.markHead(s);
    }

    /** Outside the mutex: punch the hole of a marked range. */
    public void shrinkPunch(PendingPunch punch) {
        s.fired.clear();
        DriverShrinker.punch(s, Objects.requireNonNull(punch, "punch"));
    }

    /** After the punch: the in-flight count drops, waking PIN/UNPIN/GET_PIN_STATUS waiters. */
    public void shrinkRelease() {
        s.fired.clear();
        DriverShrinker.release(s);
    }

    /**
     * The spec rules the last operation applied, in order: effects as they happen, checks when they
     * reject (so after an error the last entry is the rule that decided it).
     */
    public List<String> lastRules() {
        return List.copyOf(s.fired);
    }

    /** Punches marked and not yet released; PIN/UNPIN/GET_PIN_STATUS may only run at 0 (PINARG-WAIT). */
    public int inflight() {
        return s.inflight;
    }

    /** The structural invariants of the spec that this state breaks (empty when it is sound). */
    public List<Invariants.Violation> violations() {
        return Invariants.check(s);
    }

    /** Throws {@link Invariants.InvariantViolation} naming the first invariant this state breaks. */
    public void checkInvariants() {
        var v = violations();
        if (!v.isEmpty()) {
            throw new Invariants.InvariantViolation(v.getFirst(), snapshot());
        }
    }

    @Override
    public DeviceSnapshot snapshot() {
        // Plain loops: the differential suites take one after every step.
        var fdsByArea = new HashMap<Area, List<Integer>>();
        s.handles.forEach((fd, a) -> fdsByArea.computeIfAbsent(a, k -> new ArrayList<>()).add(fd));
        var areas = new ArrayList<AreaSnapshot>(s.areas.size());
        var files = new TreeMap<Integer, BackingFile>();
        for (var a : s.areas) {
            areas.add(a.snapshot(fdsByArea.getOrDefault(a, List.of())));
            if (a.file != null) {
                files.put(a.id, a.file);
            }
        }
        var lru = new ArrayList<DeviceSnapshot.LruEntry>(s.lru.ranges.size());
        for (var r : s.lru.ranges) {
            lru.add(new DeviceSnapshot.LruEntry(r.area.id, r.pgstart, r.pgend));
        }
        var mappings = new ArrayList<MappingSnapshot>(s.mappings.size());
        for (var m : s.mappings.values()) {
            mappings.add(m.snapshot());
            files.putIfAbsent(m.file.areaId, m.file);
        }
        var fileViews = new ArrayList<FileSnapshot>(files.size());
        for (var f : files.values()) {
            fileViews.add(new FileSnapshot(f.areaId, f.size, List.copyOf(f.pages.keySet())));
        }
        return new DeviceSnapshot(s.pageSize, areas, lru, s.lru.count, mappings, fileViews);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
