package dev.ashmem.oracle.profile;

import dev.ashmem.trace.Profile;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.MappingSnapshot;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * memfd-based ashmem: the region is a memfd. PIN and UNPIN do nothing (so the model's unpinned lists
 * and LRU stay empty and nothing is ever purged), and the prot mask is a write seal
 * (F_SEAL_FUTURE_WRITE): removing WRITE seals the memfd for good; READ and EXEC cannot be removed. A
 * sealed memfd refuses new shared writable mappings, and shared mappings made after sealing can never
 * become writable; private mappings and earlier shared mappings are not affected. Everything else is the
 * model's, whose own mask therefore stays rwx.
 */
final class MemfdDevice extends DelegatingDevice {
    private static final int UNSEALED = Prot.ALL;
    private static final int SEALED = Prot.READ | Prot.EXEC;
    private static final Set<String> CHECKS_BEFORE_PROT = Set.of("MMAP-ENTRY", "HANDLE-EBADF", "MMAP-SYSCALL", "MMAP-NOSIZE", "MMAP-SIZE");

    private final Set<Integer> sealedAreas;
    private final Map<Integer, Integer> mayByMapping;

    MemfdDevice(AshmemModel m) {
        this(m, new HashSet<>(), new HashMap<>());
    }

    private MemfdDevice(AshmemModel m, Set<Integer> sealedAreas, Map<Integer, Integer> mayByMapping) {
        super(m);
        this.sealedAreas = sealedAreas;
        this.mayByMapping = mayByMapping;
    }

    @Override
    public Profile profile() {
        return Profile.MEMFD;
    }

    @Override
    public ProfileDevice copy() {
        return new MemfdDevice(m.copy(), new HashSet<>(sealedAreas), new HashMap<>(mayByMapping));
    }

    @Override
    public Result ioctl(int fd, Command cmd, Caller caller) {
        var plain = super.ioctl(fd, new Command.GetSize(), Caller.APP); // EBADF check only
        if (plain.isError()) {
            return plain;
        }
        int area = area(fd).orElseThrow().id();
        return switch (cmd) {
            case Command.Pin c -> differ(Profile.MEMFD_PIN_NOOP, Result.ok(0)); // NOT_PURGED
            case Command.Unpin c -> differ(Profile.MEMFD_PIN_NOOP, Result.ok(0));
            case Command.GetPinStatus c -> differ(Profile.MEMFD_STATUS_PINNED, Result.ok(1)); // IS_PINNED
            case Command.SetProtMask c -> differ(Profile.MEMFD_SEALS, setProt(area, c.prot()));
            case Command.GetProtMask c -> differ(Profile.MEMFD_SEALS, Result.ok(sealedAreas.contains(area) ? SEALED : UNSEALED));
            default -> m.ioctl(fd, cmd, caller);
        };
    }

    private Result setProt(int area, long prot) {
        if ((prot & ~(long) Prot.ALL) != 0) {
            return Result.err(Errno.EINVAL);
        }
        if ((prot & Prot.WRITE) == 0) {
            sealedAreas.add(area); // F_SEAL_FUTURE_WRITE
        } else if (sealedAreas.contains(area)) {
            return Result.err(Errno.EINVAL); // a seal cannot be lifted
        }
        return Result.ZERO;
    }

    @Override
    public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
        var area = area(fd);
        boolean sealed = shared && area.isPresent() && sealedAreas.contains(area.get().id());
        if (sealed && (withPersonality(prot, caller) & Prot.WRITE) != 0) {
            // The seal acts where the mask check does (MMAP-PROT): after the system-call and size checks,
            // which a copy of the model runs.
            var probe = m.copy();
            var r = probe.mmap(fd, length, prot, shared, offset, caller);
            if (!r.isError() || !CHECKS_BEFORE_PROT.contains(probe.lastRules().getLast())) {
                return differ(Profile.MEMFD_SEALS, Result.err(Errno.EPERM));
            }
        }
        var r = super.mmap(fd, length, prot, shared, offset, caller);
        if (r instanceof Result.Value v) {
            mayByMapping.put((int) v.value(), sealed ? SEALED : UNSEALED);
        }
        return r;
    }

    private static int withPersonality(int prot, Caller caller) {
        return caller.readImpliesExec() && (prot & Prot.READ) != 0 ? prot | Prot.EXEC : prot;
    }

    @Override
    public Result munmap(int mapping) {
        var r = super.munmap(mapping);
        if (!r.isError()) {
            mayByMapping.remove(mapping);
        }
        return r;
    }

    @Override
    public Result mprotect(int mapping, int prot, Caller caller) {
        MappingSnapshot live = m.snapshot().mappings().stream().filter(x -> x.id() == mapping).findFirst().orElse(null);
        int may = mayByMapping.getOrDefault(mapping, UNSEALED);
        if (live == null || may == UNSEALED) {
            return super.mprotect(mapping, prot, caller); // ENOMEM, or the model's own answer
        }
        // The seal acts where the may-rights check does: after the generic checks, on the prot the model
        // would set (PROT_SEM dropped, EXEC added by READ_IMPLIES_EXEC where the mapping may have it).
        var probe = m.copy();
        if (probe.mprotect(mapping, prot, caller).isError()) {
            return super.mprotect(mapping, prot, caller);
        }
        int effective = probe.snapshot().mappings().stream().filter(x -> x.id() == mapping).findFirst().orElseThrow().prot();
        if ((effective & ~may) != 0) {
            return differ(Profile.MEMFD_SEALS, Result.err(Errno.EACCES));
        }
        return super.mprotect(mapping, prot, caller);
    }
}
