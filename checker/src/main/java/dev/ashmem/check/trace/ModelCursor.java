package dev.ashmem.check.trace;

import dev.ashmem.check.kernel.Action;
import dev.ashmem.check.kernel.ActionKind;
import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.kernel.KernelResults;
import dev.ashmem.check.kernel.Layout;
import dev.ashmem.check.kernel.ModelState;
import dev.ashmem.check.scope.Initial;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Op;
import dev.ashmem.model.PendingPunch;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * The model (an {@link AshmemModel}) at some state of the exploration, with what it takes to turn the
 * kernel's abstract actions into concrete operations: the handle of each area slot, the id of each
 * mapping slot (ids are the device's, MMAP-ID), and the pending punch of each shrinker thread.
 */
public final class ModelCursor implements ModelState {
    private final Scope scope;
    private final AshmemModel model;
    private final int[] slotFd;
    private final List<Integer> mapIds;
    private final PendingPunch[] pending;
    private final int[] phase;
    /** The actions taken since the setup, newest first. */
    private History history;

    private record History(History prev, Action action) {
    }

    private ModelCursor(Scope scope, AshmemModel model, int[] slotFd, List<Integer> mapIds, PendingPunch[] pending, int[] phase) {
        this.scope = scope;
        this.model = model;
        this.slotFd = slotFd;
        this.mapIds = mapIds;
        this.pending = pending;
        this.phase = phase;
    }

    /** A fresh model (with or without the in-flight wait, as the scope says) after the scope's setup prefix. */
    public static ModelCursor start(Scope scope, List<TraceStep> setupOut) {
        var model = scope.inflightWait() ? new AshmemModel(scope.pageSize()) : AshmemModel.withoutInflightWait(scope.pageSize());
        var fds = new int[scope.areas()];
        java.util.Arrays.fill(fds, -1);
        var c = new ModelCursor(scope, model, fds, new ArrayList<>(), new PendingPunch[scope.shrinkerThreads()],
                new int[scope.shrinkerThreads()]);
        for (var op : c.setupOps()) {
            var r = op.applyTo(model);
            setupOut.add(new TraceStep.Call(0, op, r, ""));
            c.track(op, r, -1);
        }
        return c;
    }

    /** The setup prefix of the scope's {@link Initial}, as operations on a fresh device. */
    public List<Op> setupOps() {
        var ops = new ArrayList<Op>();
        long size = (long) scope.pages() * scope.pageSize();
        for (int a = 0; a < scope.areas(); a++) {
            // Handles are the lowest free numbers (HANDLE-NUM) and mapping ids count from 1 (MMAP-ID).
            ops.add(new Op.Open());
            if (scope.initial() == Initial.FRESH) {
                continue;
            }
            ops.add(new Op.Ioctl(a, new Command.SetSize(size), Caller.APP));
            if (scope.initial() == Initial.FILE || scope.initial() == Initial.MAPPED) {
                ops.add(new Op.Mmap(a, size, Prot.READ | Prot.WRITE, true, 0, Caller.APP));
                if (scope.initial() == Initial.FILE) {
                    ops.add(new Op.Munmap(a + 1));
                }
            }
        }
        return ops;
    }

    /**
     * An independent cursor in the same state. A pending punch is bound to the model that marked it
     * (AshmemModel.copy() cannot carry it over to the copy's file), so a state with a punch in flight is
     * rebuilt by replaying the actions from a fresh model instead.
     */
    public ModelCursor copy() {
        for (var p : pending) {
            if (p != null) {
                return replay();
            }
        }
        var c = new ModelCursor(scope, model.copy(), slotFd.clone(), new ArrayList<>(mapIds), pending.clone(), phase.clone());
        c.history = history;
        return c;
    }

    private ModelCursor replay() {
        var c = start(scope, new ArrayList<>());
        var actions = new java.util.ArrayDeque<Action>();
        for (var h = history; h != null; h = h.prev()) {
            actions.addFirst(h.action());
        }
        for (var a : actions) {
            c.apply(a);
        }
        return c;
    }

    @Override
    public AshmemModel model() {
        return model;
    }

    @Override
    public int fd(int slot) {
        return slotFd[slot];
    }

    List<Integer> mapIds() {
        return mapIds;
    }

    @Override
    public PendingPunch pending(int shrinker) {
        return pending[shrinker];
    }

    @Override
    public int phase(int shrinker) {
        return phase[shrinker];
    }

    /** The concrete operation of a driver action in this state; null for shrinker steps. */
    public Op op(Action a) {
        int P = scope.pageSize();
        return switch (a.kind()) {
            case PIN -> new Op.Ioctl(slotFd[a.slot()], new Command.Pin(pinArg(a)), Caller.APP);
            case UNPIN -> new Op.Ioctl(slotFd[a.slot()], new Command.Unpin(pinArg(a)), Caller.APP);
            case STATUS -> new Op.Ioctl(slotFd[a.slot()], new Command.GetPinStatus(pinArg(a)), Caller.APP);
            case SCAN -> new Op.ShrinkScan(a.x(), a.flag());
            case PURGE -> new Op.Ioctl(slotFd[a.slot()], new Command.PurgeAllCaches(), a.flag() ? Caller.ADMIN : Caller.APP);
            case MMAP -> new Op.Mmap(slotFd[a.slot()], a.x(), a.p(), a.flag(), a.y(), Caller.APP);
            case MUNMAP -> new Op.Munmap(mapIds.get(a.slot()));
            case MPROTECT -> new Op.Mprotect(mapIds.get(a.slot()), a.p(), Caller.APP);
            case WRITE -> new Op.Store(mapIds.get(a.slot()), (long) a.p() * P, new byte[] {0x5A});
            case CLOSE -> new Op.Close(slotFd[a.slot()]);
            case OPEN -> new Op.Open();
            case PROT -> new Op.Ioctl(slotFd[a.slot()], new Command.SetProtMask(a.p()), a.flag() ? Caller.READ_IMPLIES_EXEC : Caller.APP);
            case SIZE -> new Op.Ioctl(slotFd[a.slot()], new Command.SetSize(a.x()), Caller.APP);
            case MARK, PUNCH, RELEASE -> null;
        };
    }

    private static Command.PinArg pinArg(Action a) {
        return a.flag() ? Command.PinArg.unreadable() : Command.PinArg.of(a.x(), a.y());
    }

    /** Takes the action on the model; returns the trace line. */
    public TraceStep apply(Action a) {
        history = new History(history, a);
        int j = a.slot();
        switch (a.kind()) {
            case MARK -> {
                var p = model.shrinkMarkHead().orElseThrow(() -> new IllegalStateException("mark with an empty LRU"));
                pending[j] = p;
                phase[j] = Layout.PHASE_MARKED;
                return new TraceStep.Shrinker(j, "mark", p.pages(), p.toString());
            }
            case PUNCH -> {
                model.shrinkPunch(pending[j]);
                phase[j] = Layout.PHASE_PUNCHED;
                return new TraceStep.Shrinker(j, "punch", 0, "");
            }
            case RELEASE -> {
                model.shrinkRelease();
                pending[j] = null;
                phase[j] = Layout.PHASE_IDLE;
                return new TraceStep.Shrinker(j, "release", 0, "");
            }
            default -> {
                var op = op(a);
                var r = op.applyTo(model);
                track(op, r, a.kind() == ActionKind.OPEN ? a.slot() : -1);
                return new TraceStep.Call(a.thread(), op, r, "");
            }
        }
    }

    /**
     * Null when the kernel's last result, after both took {@code a}, is the model's ({@code step}, which
     * {@link #apply} returned), else the kernel's result.
     */
    public String disagreement(Kernel k, TraceStep step, Action a) {
        boolean same = switch (step) {
            case TraceStep.Call c -> KernelResults.sameCall(k, c.result());
            case TraceStep.Shrinker s -> s.step().equals("mark") ? KernelResults.sameMark(k, pending(a.slot())) : KernelResults.noValue(k);
        };
        return same ? null : KernelResults.describe(k);
    }

    private void track(Op op, Result r, int openSlot) {
        switch (op) {
            case Op.Open o when r instanceof Result.Value v -> {
                int slot = openSlot >= 0 ? openSlot : firstClosedSlot();
                slotFd[slot] = (int) v.value();
            }
            case Op.Close c when !r.isError() -> {
                for (int s = 0; s < slotFd.length; s++) {
                    if (slotFd[s] == c.fd()) {
                        slotFd[s] = -1;
                    }
                }
            }
            case Op.Mmap m when r instanceof Result.Value v -> mapIds.add((int) v.value());
            case Op.Munmap m when !r.isError() -> mapIds.remove(Integer.valueOf(m.mapping()));
            default -> {
            }
        }
    }

    private int firstClosedSlot() {
        for (int s = 0; s < slotFd.length; s++) {
            if (slotFd[s] == -1) {
                return s;
            }
        }
        throw new IllegalStateException("no closed area slot");
    }
}
