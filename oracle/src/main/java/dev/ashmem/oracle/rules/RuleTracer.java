package dev.ashmem.oracle.rules;

import dev.ashmem.model.Abi;
import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Errno;
import dev.ashmem.model.FileSnapshot;
import dev.ashmem.model.MappingSnapshot;
import dev.ashmem.model.Op;
import dev.ashmem.model.Prot;
import dev.ashmem.model.RangeSnapshot;
import dev.ashmem.model.Result;
import dev.ashmem.model.Whence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Attributes one operation of the reference semantics to the spec rules that decide it, by replaying
 * the rules' checks, in the model's order, on the observable state before the operation (the model is
 * not instrumented; its rule classes cite the same IDs). The argument checks whose order matters
 * (PINARG-*, MMAP-*, NAME-*, SEEK-*) are evaluated exactly; the walks of PIN, UNPIN and GET_PIN_STATUS
 * and the shrinker's rounds are simulated on the snapshot's ranges and LRU.
 */
public final class RuleTracer {
    private final int p;
    private final DeviceSnapshot before;
    private final DeviceSnapshot after;
    private final Set<String> rules = new LinkedHashSet<>();
    private String decider;
    private String predicted;

    private RuleTracer(int pageSize, DeviceSnapshot before, DeviceSnapshot after) {
        this.p = pageSize;
        this.before = before;
        this.after = after;
    }

    /** The rules behind {@code op}, which took the device from {@code before} to {@code after} with {@code result}. */
    public static Attribution explain(int pageSize, DeviceSnapshot before, Op op, Result result, DeviceSnapshot after) {
        var t = new RuleTracer(pageSize, before, after);
        t.trace(op, result);
        t.stateRules(op, result);
        var sorted = new ArrayList<>(t.rules);
        sorted.sort(Comparator.comparingInt(RuleIds::order));
        return new Attribution(t.decider, sorted, t.predicted);
    }

    private void add(String... ids) {
        rules.addAll(List.of(ids));
    }

    private void fail(String rule, Errno errno) {
        rules.add(rule);
        decider = rule;
        predicted = errno.name();
    }

    private void fault(String rule, Result.Signal signal) {
        rules.add(rule);
        decider = rule;
        predicted = signal.name();
    }

    private void ok(String rule) {
        rules.add(rule);
        decider = rule;
        predicted = "ok";
    }

    private Optional<AreaSnapshot> area(int fd) {
        return before.areas().stream().filter(a -> a.handles().contains(fd)).findFirst();
    }

    private Optional<MappingSnapshot> mapping(int id) {
        return before.mappings().stream().filter(m -> m.id() == id).findFirst();
    }

    private Optional<FileSnapshot> file(int areaId) {
        return before.files().stream().filter(f -> f.area() == areaId).findFirst();
    }

    private boolean live(int areaId) {
        return before.areas().stream().anyMatch(a -> a.id() == areaId);
    }

    private void callerRules(Caller caller) {
        if (!caller.equals(Caller.APP)) {
            add("CTX-CALLER");
        }
    }

    private void trace(Op op, Result result) {
        switch (op) {
            case Op.Open o -> {
                add("CTX-PAGE", "OPEN-AREA");
                ok("HANDLE-NUM");
            }
            case Op.Dup o -> {
                if (area(o.fd()).isEmpty()) {
                    fail("HANDLE-EBADF", Errno.EBADF);
                } else {
                    add("DUP-HANDLE");
                    ok("HANDLE-NUM");
                }
            }
            case Op.Close o -> close(o.fd());
            case Op.Ioctl o -> ioctl(o.fd(), o.cmd(), o.caller(), result);
            case Op.Mmap o -> mmap(o);
            case Op.Munmap o -> {
                var m = mapping(o.mapping());
                if (m.isEmpty()) {
                    fail("MMAP-ID", Errno.EINVAL);
                } else {
                    ok("MUNMAP-REMOVE");
                    if (!live(m.get().area())) {
                        add("CLOSE-MAPPINGS");
                    }
                }
            }
            case Op.Mprotect o -> mprotect(o);
            case Op.Load o -> access(o.mapping(), o.offset(), o.length(), Prot.READ);
            case Op.Store o -> access(o.mapping(), o.offset(), o.data().length, Prot.WRITE);
            case Op.Read o -> read(o.fd(), o.count());
            case Op.Llseek o -> llseek(o.fd(), o.offset(), o.whence(), result);
            case Op.ShrinkCount o -> {
                add("CONC-UNLOCKED");
                ok("SHRINK-COUNT");
            }
            case Op.ShrinkScan o -> {
                scan(o.nrToScan(), o.mayEnterFs());
                decider = o.mayEnterFs() ? "SHRINK-RET" : "SHRINK-NOFS";
                predicted = "ok";
            }
        }
    }

    private void close(int fd) {
        var a = area(fd);
        if (a.isEmpty()) {
            fail("HANDLE-EBADF", Errno.EBADF);
            return;
        }
        if (a.get().handles().size() > 1) {
            ok("CLOSE-REF");
            return;
        }
        add("CONC-MUTEX");
        ok("CLOSE-RELEASE");
        int id = a.get().id();
        if (before.lru().stream().anyMatch(e -> e.area() == id)) {
            add("INV-LRU-AREA");
        }
        if (before.mappings().stream().anyMatch(m -> m.area() == id)) {
            add("CLOSE-MAPPINGS");
        }
    }

    private void ioctl(int fd, Command cmd, Caller caller, Result result) {
        var found = area(fd);
        if (found.isEmpty()) {
            fail("HANDLE-EBADF", Errno.EBADF);
            return;
        }
        var a = found.get();
        switch (cmd) {
            case Command.SetName c -> {
                if (c.badPointer()) {
                    fail("NAME-EFAULT", Errno.EFAULT);
                    if (a.hasFile()) {
                        add("CONC-UNLOCKED"); // the copy-in precedes the locked NAME-FILE check
                    }
                } else if (a.hasFile()) {
                    add("CONC-MUTEX", "INV-FILE-FIXED");
                    fail("NAME-FILE", Errno.EINVAL);
                } else {
                    add("CONC-MUTEX");
                    ok("NAME-SET");
                    byte[] b = c.bytes();
                    int nul = 0;
                    while (nul < b.length && b[nul] != 0) {
                        nul++;
                    }
                    if (nul < b.length || b.length > 255) {
                        add("NAME-TRUNC");
                    }
                }
            }
            case Command.GetName c -> {
                add("CONC-MUTEX");
                if (c.badPointer()) {
                    add("CONC-UNLOCKED");
                    fail("GETNAME-EFAULT", Errno.EFAULT);
                } else {
                    ok(a.name().isEmpty() ? "GETNAME-DEFAULT" : "GETNAME-COPY");
                }
            }
            case Command.SetSize c -> {
                add("CONC-MUTEX");
                if (a.hasFile()) {
                    add("INV-FILE-FIXED");
                    fail("SIZE-FILE", Errno.EINVAL);
                } else {
                    ok("SIZE-SET");
                    if (c.size() < 0) {
                        add("ARITH-U64");
                    }
                }
            }
            case Command.GetSize c -> {
                add("CONC-UNLOCKED");
                ok("SIZE-GET");
                if (a.size() < 0) {
                    add("ARITH-LONG");
                }
            }
            case Command.SetProtMask c -> {
                add("CONC-MUTEX");
                if ((a.protMask() & c.prot()) != c.prot()) {
                    fail("PROT-SUBSET", Errno.EINVAL);
                } else {
                    ok("PROT-SET");
                    add("INV-MASK");
                    if (caller.readImpliesExec() && (c.prot() & Prot.READ) != 0) {
                        add("PROT-RIE", "CTX-CALLER");
                    }
                }
            }
            case Command.GetProtMask c -> {
                add("CONC-UNLOCKED");
                ok("PROT-GET");
            }
            case Command.Pin c -> pinFamily(a, c.arg(), Kind.PIN, result);
            case Command.Unpin c -> pinFamily(a, c.arg(), Kind.UNPIN, result);
            case Command.GetPinStatus c -> pinFamily(a, c.arg(), Kind.STATUS, result);
            case Command.PurgeAllCaches c -> {
                add("CTX-CALLER");
                if (!caller.capSysAdmin()) {
                    fail("PURGE-EPERM", Errno.EPERM);
                } else {
                    add("PURGE-SCAN", "CONC-UNLOCKED");
                    if (before.lruCount() < 0) {
                        add("ARITH-LONG");
                    }
                    scan(Long.MAX_VALUE, true);
                    ok("PURGE-RET");
                }
            }
            case Command.Unknown c -> fail("IOCTL-UNKNOWN", Errno.ENOTTY);
        }
    }

    private enum Kind { PIN, UNPIN, STATUS }

    /** A mutable copy of a range for the walks. */
    private static final class R {
        long start;
        long end;
        final boolean purged;

        R(RangeSnapshot r) {
            start = r.pgstart();
            end = r.pgend();
            purged = r.purged();
        }

        boolean below(long s) {
            return Arith.lt(end, s);
        }

        boolean contains(long x) {
            return Arith.le(start, x) && Arith.ge(end, x);
        }

        boolean within(long s, long e) {
            return Arith.ge(start, s) && Arith.le(end, e);
        }

        boolean covers(long s, long e) {
            return Arith.le(start, s) && Arith.ge(end, e);
        }

        /** page_range_in_range(): the driver's "meets". */
        boolean meets(long s, long e) {
            return contains(s) || contains(e) || within(s, e);
        }

        boolean odd() {
            return end == start - 1 || end == -1L;
        }
    }

    private void pinFamily(AreaSnapshot a, Command.PinArg arg, Kind kind, Result result) {
        if (arg.badPointer()) {
            fail("PINARG-EFAULT", Errno.EFAULT);
            return;
        }
        add("PINARG-WAIT", "CONC-MUTEX");
        if (!a.hasFile()) {
            fail("PINARG-NOFILE", Errno.EINVAL);
            return;
        }
        long aligned = Arith.pageAlign(a.size(), p);
        long off = arg.offset();
        long len = arg.len();
        if (len == 0) {
            add("PINARG-LEN0");
            len = (aligned - off) & Abi.U32_MAX;
        }
        if (((off | len) & (p - 1)) != 0) {
            fail("PINARG-ALIGN", Errno.EINVAL);
            return;
        }
        if (Abi.U32_MAX - off < len) {
            fail("PINARG-OVERFLOW", Errno.EINVAL);
            return;
        }
        if (Arith.lt(aligned, off + len)) {
            fail("PINARG-BOUNDS", Errno.EINVAL);
            return;
        }
        add("PINARG-PAGES", "CTX-PAGE");
        long s = off / p;
        long e = s + len / p - 1;
        boolean emptyRequest = len == 0;
        if (emptyRequest) {
            add("PINARG-EMPTY", "ARITH-U64");
        }
        var list = new ArrayList<R>();
        a.unpinned().forEach(r -> list.add(new R(r)));
        switch (kind) {
            case UNPIN -> unpinWalk(list, s, e);
            case PIN -> pinWalk(list, s, e);
            case STATUS -> statusWalk(list, s, e, emptyRequest);
        }
        if (kind != Kind.STATUS) {
            if (after.lruCount() != before.lruCount()) {
                add("INV-LRU-COUNT");
                if (kind == Kind.PIN && Arith.lt(before.lruCount(), after.lruCount())) {
                    add("ARITH-U64"); // PIN only lowers lruCount; a rise is a wrap (PIN-CASE-2 on a wrapped range)
                }
            }
            var changed = after.areas().stream().filter(x -> x.id() == a.id()).findFirst();
            if (changed.isPresent() && !changed.get().unpinned().isEmpty()) {
                add("INV-BOUNDS");
                if (changed.get().unpinned().size() > 1) {
                    add("INV-ORDER");
                }
            }
        }
    }

    private void unpinWalk(List<R> list, long s, long e) {
        add("UNPIN-WALK");
        restart:
        while (true) {
            for (var r : list) {
                if (r.below(s)) {
                    break;
                }
                if (r.covers(s, e)) {
                    add("UNPIN-SUBSUMED");
                    ok("UNPIN-RET");
                    return;
                }
                if (r.meets(s, e)) {
                    add("UNPIN-MERGE");
                    if (r.purged) {
                        add("UNPIN-PURGED-SPREAD", "INV-LRU-IFF");
                    }
                    s = Arith.lt(r.start, s) ? r.start : s;
                    e = Arith.lt(e, r.end) ? r.end : e;
                    list.remove(r);
                    continue restart;
                }
            }
            break;
        }
        for (var r : list) {
            if (!r.meets(s, e) && (r.end + 1 == s || e + 1 == r.start)) {
                add("UNPIN-ADJACENT");
            }
        }
        add("UNPIN-INSERT");
        ok("UNPIN-RET");
    }

    private void pinWalk(List<R> list, long s, long e) {
        add("PIN-WALK");
        int i = 0;
        while (i < list.size()) {
            var r = list.get(i);
            if (r.below(s)) {
                break;
            }
            if (!r.meets(s, e)) {
                i++;
                continue;
            }
            if (r.within(s, e)) {
                add("PIN-CASE-1");
                list.remove(i);
                continue;
            }
            if (Arith.ge(r.start, s)) {
                add("PIN-CASE-2");
                r.start = e + 1;
                i++;
                continue;
            }
            if (Arith.le(r.end, e)) {
                add("PIN-CASE-3");
                r.end = s - 1;
                i++;
                continue;
            }
            add("PIN-CASE-4");
            if (!r.purged) {
                add("PIN-SPLIT-TAIL");
            }
            break;
        }
        ok("PIN-RET");
    }

    private void statusWalk(List<R> list, long s, long e, boolean emptyRequest) {
        add("STATUS-WALK", "STATUS-RET");
        boolean odd = emptyRequest || list.stream().anyMatch(R::odd);
        for (var r : list) {
            if (r.below(s)) {
                break;
            }
            if (r.meets(s, e)) {
                ok(emptyRequest || r.odd() ? "STATUS-EMPTY" : "STATUS-RET");
                return;
            }
        }
        ok(odd ? "STATUS-EMPTY" : "STATUS-RET");
    }

    /** The rounds of a scan, as SHRINK-ORDER .. SHRINK-NR run them over the LRU. */
    private void scan(long nrToScan, boolean mayEnterFs) {
        if (!mayEnterFs) {
            add("SHRINK-NOFS", "CTX-CALLER");
            return;
        }
        add("SHRINK-TRYLOCK", "SHRINK-RET");
        if (nrToScan == 0 && !before.lru().isEmpty()) {
            add("ARITH-U64");
        }
        long nr = nrToScan;
        for (var entry : before.lru()) {
            add("SHRINK-ORDER", "SHRINK-MARK", "SHRINK-PUNCH", "SHRINK-PUNCH-EXTENT", "SHRINK-NR", "SHRINK-KEEP",
                    "CONC-MUTEX", "CONC-PUNCH-UNLOCKED", "CONC-INFLIGHT", "INV-LRU-IFF", "CTX-PAGE");
            if (pinnedDataIn(entry.area())) {
                add("INV-PUNCH-PINNED");
            }
            nr -= 1;
            if (nr == 0) {
                break;
            }
        }
        if (!before.lru().isEmpty()) {
            add("INV-LRU-COUNT");
        }
    }

    /** The area's file holds a data page that no unpinned range covers: the punch must spare it. */
    private boolean pinnedDataIn(int areaId) {
        var a = before.areas().stream().filter(x -> x.id() == areaId).findFirst();
        var f = file(areaId);
        if (a.isEmpty() || f.isEmpty()) {
            return false;
        }
        return f.get().dataPages().stream().anyMatch(page -> a.get().unpinned().stream()
                .noneMatch(r -> Arith.le(r.pgstart(), page) && Arith.ge(r.pgend(), page)));
    }

    private void mmap(Op.Mmap o) {
        var found = area(o.fd());
        if (found.isEmpty()) {
            fail("HANDLE-EBADF", Errno.EBADF);
            return;
        }
        var a = found.get();
        callerRules(o.caller());
        var early = MmapCheck.beforeProt(p, a, o.length(), o.prot(), o.offset());
        if (early.isPresent()) {
            fail(early.get().rule(), early.get().errno());
            if (Arith.pageAlign(o.length(), p) == 0 || Arith.pageAlign(a.size(), p) == 0 && a.size() != 0) {
                add("ARITH-U64");
            }
            return;
        }
        add("CONC-MUTEX", "CTX-PAGE");
        int prot = o.prot();
        if (o.caller().readImpliesExec() && (prot & Prot.READ) != 0) {
            prot |= Prot.EXEC;
        }
        if ((prot & ~a.protMask()) != 0) {
            fail("MMAP-PROT", Errno.EPERM);
            return;
        }
        if (!a.hasFile() && a.size() < 0) {
            fail("MMAP-FILE-EINVAL", Errno.EINVAL);
            return;
        }
        ok("MMAP-ID");
        add("MMAP-MAY", "MMAP-FILE", o.shared() ? "MMAP-SHARED" : "MMAP-PRIVATE");
        if (a.protMask() != Prot.ALL) {
            add("INV-MASK");
        }
        long mapPages = Long.divideUnsigned(Arith.pageAlign(o.length(), p), p);
        long pgoff = o.offset() >> Integer.numberOfTrailingZeros(p);
        long regionPages = Long.divideUnsigned(Arith.pageAlign(a.size(), p), p);
        if (o.offset() < 0 || Arith.lt(regionPages, pgoff + mapPages)) {
            add("MMAP-OFFSET");
        }
    }

    private void mprotect(Op.Mprotect o) {
        var m = mapping(o.mapping());
        callerRules(o.caller());
        if ((o.prot() & ~Prot.ALL) != 0) {
            fail("MPROTECT-MAY", Errno.EINVAL);
            return;
        }
        if (m.isEmpty()) {
            fail("MMAP-ID", Errno.ENOMEM);
            return;
        }
        int prot = o.prot();
        if (o.caller().readImpliesExec() && (prot & Prot.READ) != 0) {
            prot |= Prot.EXEC;
        }
        if ((prot & ~m.get().mayProt()) != 0) {
            add("MMAP-MAY", "INV-MASK");
            fail("MPROTECT-MAY", Errno.EACCES);
            return;
        }
        ok("MPROTECT-MAY");
    }

    private void access(int id, long offset, int length, int right) {
        var found = mapping(id);
        if (found.isEmpty()) {
            fault("MMAP-ID", Result.Signal.SIGSEGV);
            return;
        }
        var m = found.get();
        if (!live(m.area())) {
            add("CLOSE-MAPPINGS");
        }
        if (offset < 0 || offset > m.length() || m.length() - offset < length) {
            fault("MEM-BOUNDS", Result.Signal.SIGSEGV);
            return;
        }
        if (length == 0) {
            ok("MEM-BOUNDS"); // an empty access touches no page, so nothing else is checked
            return;
        }
        if ((m.prot() & right) == 0) {
            fault("MEM-RIGHTS", Result.Signal.SIGSEGV);
            return;
        }
        if (m.shared()) {
            long pgoff = m.offset() >> Integer.numberOfTrailingZeros(p);
            long first = pgoff + offset / p;
            long last = pgoff + (offset + length - 1) / p;
            long pages = file(m.area()).map(f -> Arith.pagesOf(f.size(), p)).orElse(0L);
            if (Arith.ge(last, pages) || Arith.lt(last, first)) {
                fault("MEM-EOF", Result.Signal.SIGBUS);
                return;
            }
            add("CTX-PAGE");
            ok("MEM-SHARED");
        } else {
            ok("MEM-PRIVATE");
        }
    }

    private void read(int fd, int count) {
        var found = area(fd);
        if (found.isEmpty()) {
            fail("HANDLE-EBADF", Errno.EBADF);
            return;
        }
        var a = found.get();
        if (count < 0 || a.position() + count < 0) {
            fail("READ-SYSCALL", Errno.EINVAL); // the end of the read would pass 2^63 - 1
            return;
        }
        add("CONC-MUTEX");
        if (a.size() == 0) {
            ok("READ-EOF");
        } else if (!a.hasFile()) {
            fail("READ-NOFILE", Errno.EBADF);
        } else {
            add("SEEK-POS");
            ok("READ-DATA");
        }
    }

    private void llseek(int fd, long offset, int whence, Result result) {
        var found = area(fd);
        if (found.isEmpty()) {
            fail("HANDLE-EBADF", Errno.EBADF);
            return;
        }
        var a = found.get();
        if (Integer.compareUnsigned(whence, Whence.SEEK_HOLE) > 0) {
            fail("SEEK-WHENCE", Errno.EINVAL); // the system call checks it before the driver
            return;
        }
        add("CONC-MUTEX");
        if (a.size() == 0) {
            fail("SEEK-NOSIZE", Errno.EINVAL);
            return;
        }
        if (!a.hasFile()) {
            fail("SEEK-NOFILE", Errno.EBADF);
            return;
        }
        long fileSize = file(a.id()).map(FileSnapshot::size).orElse(a.size());
        String rule = switch (whence) {
            case Whence.SEEK_SET -> "SEEK-SET";
            case Whence.SEEK_CUR -> "SEEK-CUR";
            case Whence.SEEK_END -> "SEEK-END";
            case Whence.SEEK_DATA -> "SEEK-DATA";
            case Whence.SEEK_HOLE -> "SEEK-HOLE";
            default -> throw new IllegalStateException("whence " + whence);
        };
        boolean refused = switch (whence) {
            case Whence.SEEK_SET -> offset < 0;
            case Whence.SEEK_CUR -> offset != 0 && a.position() + offset < 0;
            case Whence.SEEK_END -> fileSize + offset < 0;
            default -> offset < 0 || offset >= fileSize || result instanceof Result.Error;
        };
        if (refused) {
            fail(rule, whence >= Whence.SEEK_DATA ? Errno.ENXIO : Errno.EINVAL);
            return;
        }
        add("SEEK-POS");
        if (whence >= Whence.SEEK_DATA) {
            add("CTX-PAGE");
        }
        ok(rule);
    }

    /** Invariants the operation's outcome relies on, by what it changed. */
    private void stateRules(Op op, Result result) {
        if (result.isError() || result instanceof Result.Fault) {
            return;
        }
        if (op instanceof Op.ShrinkScan s && s.mayEnterFs() || op instanceof Op.Close) {
            if (after.lruCount() != before.lruCount()) {
                add("INV-LRU-COUNT");
            }
        }
    }
}
