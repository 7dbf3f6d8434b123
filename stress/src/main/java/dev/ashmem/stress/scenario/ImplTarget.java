package dev.ashmem.stress.scenario;

import dev.ashmem.impl.Checkpoint;
import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.PendingPunch;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Result;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The reference implementation (or a broken variant of it) as a scenario target. */
public final class ImplTarget implements Target {
    private final OffHeapAshmem device;
    /** Punches marked and not yet released: a state closed before its actors ran still holds them. */
    private final Set<PendingPunch> unreleased = ConcurrentHashMap.newKeySet();

    /** The state after the setup, once {@link #keepForReuse} took it. */
    private Checkpoint checkpoint;
    private Set<PendingPunch> setupPunches = Set.of();

    public ImplTarget(OffHeapAshmem device) {
        this.device = device;
    }

    @Override
    public AshmemDevice device() {
        return device;
    }

    @Override
    public Optional<Punch> markHead() {
        var p = device.shrinkMarkHead();
        p.ifPresent(unreleased::add);
        return p.map(m -> new Punch(m, m.pages()));
    }

    @Override
    public void punch(Punch punch) {
        device.shrinkPunch((PendingPunch) punch.token());
    }

    @Override
    public void release(Punch punch) {
        var p = (PendingPunch) punch.token();
        unreleased.remove(p);
        device.shrinkRelease(p);
    }

    @Override
    public int inflight() {
        return device.inflight();
    }

    @Override
    public boolean pinWaitsForPunches() {
        return true;
    }

    /** Only the model splits a read into steps; the implementation runs read() whole. */
    @Override
    public Result peek(int fd, long pos, int count) {
        throw new IllegalStateException("peek splits read() into model steps; the implementation runs read() whole");
    }

    /** Remembers the state now (after the setup) for {@link #reset}; false if the device cannot reset exactly. */
    boolean keepForReuse() {
        var c = device.checkpoint();
        if (c.isEmpty()) {
            return false;
        }
        checkpoint = c.get();
        setupPunches = Set.copyOf(unreleased);
        return true;
    }

    /**
     * Back to the state {@link #keepForReuse} took, with the punches the setup left in flight in flight
     * again; false when the device cannot be reset (the caller closes it).
     */
    boolean reset() {
        if (checkpoint == null) {
            return false;
        }
        for (var p : unreleased) {
            device.shrinkRelease(p);
        }
        unreleased.clear();
        if (!device.resetTo(checkpoint)) {
            return false;
        }
        unreleased.addAll(setupPunches);
        return true;
    }

    @Override
    public void close() {
        // A punch still in flight holds a reference to its file (the driver's get_file): drop it, or
        // a Pin_01 state whose scanner never ran keeps its memfd open.
        for (var p : unreleased) {
            device.shrinkRelease(p);
        }
        unreleased.clear();
        device.close();
    }
}
