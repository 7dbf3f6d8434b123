package dev.ashmem.stress.scenario;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.PendingPunch;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Result;
import java.util.Optional;

/** The reference implementation (or a broken variant of it) as a scenario target. */
public final class ImplTarget implements Target {
    private final OffHeapAshmem device;

    public ImplTarget(OffHeapAshmem device) {
        this.device = device;
    }

    @Override
    public AshmemDevice device() {
        return device;
    }

    @Override
    public Optional<Punch> markHead() {
        return device.shrinkMarkHead().map(p -> new Punch(p, p.pages()));
    }

    @Override
    public void punch(Punch punch) {
        device.shrinkPunch((PendingPunch) punch.token());
    }

    @Override
    public void release(Punch punch) {
        device.shrinkRelease((PendingPunch) punch.token());
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

    @Override
    public void close() {
        device.close();
    }
}
