package dev.ashmem.oracle.profile;

import dev.ashmem.model.Abi;
import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.trace.Difference;
import java.util.Set;

/**
 * What both revisions of the Rust driver share (spec 10.1), on top of the model: the ioctl dispatch by
 * {@code _IOC_SIZE}, the usize argument arithmetic of {@code pin_unpin}, names stored as
 * {@code Option<Vec<u8>>}, and the shrinker of ashmem_range.rs. The range walks are literal ports of the
 * C driver's, so requests that fit the u32 fields go to the model. Each revision names its own
 * differences and says what it does where the two disagree.
 */
abstract sealed class RustDevice extends DelegatingDevice permits Rust2024Device, Rust2025Device {
    /** SHRINK_EMPTY = ~0UL - 1 (include/linux/shrinker.h), what count_objects answers for an empty LRU. */
    static final long SHRINK_EMPTY = -2L;
    /** Rules of the generic mmap layer, decided before the driver's own mmap runs. */
    static final Set<String> GENERIC_MMAP = Set.of("MMAP-ENTRY", "HANDLE-EBADF", "MMAP-SYSCALL");

    private final RustDriverState state;
    private final RustDifferences shared;

    RustDevice(AshmemModel m, RustDriverState state, RustDifferences shared) {
        super(m);
        this.state = state;
        this.shared = shared;
    }

    final RustDriverState stateCopy() {
        return state.copy();
    }

    /** A command number the dispatch does not list as an ashmem command of both revisions. */
    abstract Result unknown(int fd, Command.Unknown u, AreaSnapshot area, Caller caller);

    /** GET_NAME of a stored, non-empty name. */
    Result getName(int fd, Command.GetName c, AreaSnapshot area, Caller caller) {
        return m.ioctl(fd, c, caller);
    }

    /** PIN/UNPIN with len 0 and offset > PAGE_ALIGN(size). */
    abstract Result lenZeroPastEnd(int fd, Command cmd, Caller caller);

    /** PIN/UNPIN of the empty request [s..s-1] (len 0 at offset PAGE_ALIGN(size)). */
    abstract Result emptyRequest(int fd, Command cmd, Caller caller);

    /** GET_FILE_ID: EINVAL before the file exists, else the inode number is written and 0 returned. */
    final Result fileId(AreaSnapshot area, Difference d) {
        return differ(d, area.hasFile() ? Result.ZERO : Result.err(Errno.EINVAL));
    }

    @Override
    public Result ioctl(int fd, Command cmd, Caller caller) {
        var plain = super.ioctl(fd, new Command.GetSize(), Caller.APP); // resets the record; EBADF check only
        if (plain.isError()) {
            return plain;
        }
        var area = area(fd).orElseThrow();
        return switch (cmd) {
            case Command.Unknown u -> unknown(fd, u, area, caller);
            // The struct is read through a slice of _IOC_SIZE(_IO(0x77, 9)) = 0 bytes.
            case Command.GetPinStatus c -> differ(shared.pinStatusEfault(), Result.err(Errno.EFAULT));
            case Command.SetProtMask c when caller.readImpliesExec() && (c.prot() & Prot.READ) != 0 ->
                    differ(shared.rieFirst(), m.ioctl(fd, new Command.SetProtMask(c.prot() | Prot.EXEC), new Caller(caller.capSysAdmin(), false)));
            case Command.SetName c -> setName(fd, c, area, caller);
            case Command.GetName c when state.emptyNamed.contains(area.id()) ->
                    c.badPointer() ? m.ioctl(fd, c, caller) : differ(shared.emptyName(), new Result.Bytes(new byte[] {0}));
            case Command.GetName c -> getName(fd, c, area, caller);
            case Command.PurgeAllCaches c -> purgeAllCaches(fd, c, caller);
            case Command.Pin c -> pinUnpin(fd, c, c.arg(), area, caller);
            case Command.Unpin c -> pinUnpin(fd, c, c.arg(), area, caller);
            default -> m.ioctl(fd, cmd, caller);
        };
    }

    /** Returns LRU_COUNT, stale pages included, then frees the whole LRU, whose pages stay counted. */
    private Result purgeAllCaches(int fd, Command.PurgeAllCaches c, Caller caller) {
        var r = m.ioctl(fd, c, caller);
        if (!(r instanceof Result.Value v)) {
            return r; // EPERM
        }
        long stale = state.stalePages;
        state.stalePages += v.value(); // the model's count before: the pages free_lru(usize::MAX) frees
        return stale == 0 ? r : differ(shared.staleCount(), Result.ok(v.value() + stale));
    }

    private Result setName(int fd, Command.SetName c, AreaSnapshot area, Caller caller) {
        var r = m.ioctl(fd, c, caller); // same order: copy from user (EFAULT), then the file check (EINVAL)
        if (!r.isError()) {
            byte[] b = c.bytes();
            if (b.length == 0 || b[0] == 0) {
                state.emptyNamed.add(area.id());
            } else {
                state.emptyNamed.remove(area.id());
            }
        }
        return r;
    }

    /**
     * pin_unpin's arithmetic in usize. Where it agrees with the C driver's u32 arithmetic the model
     * answers; past 4 GiB the driver walks a request the model's u32 fields cannot hold.
     */
    private Result pinUnpin(int fd, Command cmd, Command.PinArg arg, AreaSnapshot area, Caller caller) {
        if (arg.badPointer() || !area.hasFile()) {
            return m.ioctl(fd, cmd, caller); // EFAULT reading the argument, then EINVAL without a file: the same order
        }
        int p = m.pageSize();
        long aligned = (area.size() + p - 1) & -(long) p; // the file exists, so size < 2^63
        long offset = arg.offset();
        long len = arg.len();
        if (len == 0) {
            if (Long.compareUnsigned(offset, aligned) > 0) {
                return lenZeroPastEnd(fd, cmd, caller);
            }
            len = aligned - offset;
        }
        if (((offset | len) & (p - 1)) != 0 || Long.compareUnsigned(aligned, offset + len) < 0) {
            return bothRefuse(fd, cmd, caller);
        }
        if (len == 0) {
            return emptyRequest(fd, cmd, caller);
        }
        if (offset + len > Abi.U32_MAX) { // the reference refuses it (PINARG-OVERFLOW); the driver walks it
            throw new ProfileLimitation("profile " + profile().word() + " cannot evaluate a " + cmd.name() + " of "
                    + len + " bytes at offset " + offset + " in a region of " + area.size() + " bytes: the driver accepts it ("
                    + shared.nativeWidth().source() + "), the model's walk takes u32 fields");
        }
        return m.ioctl(fd, cmd, caller); // len 0 became the same value in both: it is below 2^32
    }

    /** A request the driver refuses with EINVAL; the reference refuses it too (by its own check). */
    final Result bothRefuse(int fd, Command cmd, Caller caller) {
        var r = m.ioctl(fd, cmd, caller);
        if (!r.equals(Result.err(Errno.EINVAL))) {
            throw new ProfileLimitation("profile " + profile().word() + ": the driver refuses " + cmd + " with EINVAL but the model answers "
                    + r + " (a defect of the profile)");
        }
        return r;
    }

    @Override
    public long shrinkCount() {
        long c = super.shrinkCount() + state.stalePages;
        if (c == 0) {
            return differ(shared.shrinkEmpty(), SHRINK_EMPTY);
        }
        return state.stalePages == 0 ? c : differ(shared.staleCount(), c);
    }

    /** free_lru: whole ranges from the old end of the LRU until {@code freed >= nr_to_scan}, at least one. */
    @Override
    public long shrinkScan(long nrToScan, boolean mayEnterFs) {
        if (!mayEnterFs) {
            return super.shrinkScan(nrToScan, false); // SHRINK_STOP, as the reference
        }
        clearDifference();
        var reference = m.copy();
        long referenceFreed = reference.shrinkScan(nrToScan, true);
        long freed = 0;
        while (!m.snapshot().lru().isEmpty()) {
            freed += m.shrinkScan(1, true); // one round of the reference's loop: the same range, marked and punched
            if (Long.compareUnsigned(freed, nrToScan) >= 0) {
                break;
            }
        }
        state.stalePages += freed;
        boolean same = freed == referenceFreed && reference.snapshot().equals(m.snapshot());
        return same ? freed : differ(shared.scanPages(), freed);
    }
}
