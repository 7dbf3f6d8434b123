package dev.ashmem.stress.scenario;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.PendingPunch;
import dev.ashmem.model.Result;
import dev.ashmem.model.Whence;
import java.util.Optional;

/** The executable model as a scenario target: what the expected outcomes are derived from. */
public final class ModelTarget implements Target {
    private final AshmemModel model;
    private final boolean pinWaits;

    private ModelTarget(AshmemModel model, boolean pinWaits) {
        this.model = model;
        this.pinWaits = pinWaits;
    }

    /** The driver's protocol. */
    public static ModelTarget of(int pageSize) {
        return new ModelTarget(new AshmemModel(pageSize), true);
    }

    /** The protocol with PINARG-WAIT switched off: what the no-inflight-wait variant may show. */
    public static ModelTarget withoutInflightWait(int pageSize) {
        return new ModelTarget(AshmemModel.withoutInflightWait(pageSize), false);
    }

    @Override
    public AshmemDevice device() {
        return model;
    }

    @Override
    public Optional<Punch> markHead() {
        return model.shrinkMarkHead().map(p -> new Punch(p, p.pages()));
    }

    @Override
    public void punch(Punch punch) {
        model.shrinkPunch((PendingPunch) punch.token());
    }

    @Override
    public void release(Punch punch) {
        model.shrinkRelease();
    }

    @Override
    public int inflight() {
        return model.inflight();
    }

    @Override
    public boolean pinWaitsForPunches() {
        return pinWaits;
    }

    /** Reads a copy, so the real state (position, pages) is untouched. */
    @Override
    public Result peek(int fd, long pos, int count) {
        var copy = model.copy();
        var seek = copy.llseek(fd, pos, Whence.SEEK_SET);
        return seek.isError() ? seek : copy.read(fd, count);
    }

    @Override
    public void close() {
    }
}
