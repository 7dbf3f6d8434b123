package dev.ashmem.cli;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Result;

/**
 * A broken implementation for the campaign's tests: the model, except that GET_SIZE answers one more
 * than the size once a size was set. One bug, found again in nearly every round of a campaign.
 */
public final class GetSizeOffByOne extends ForwardingModel {
    public GetSizeOffByOne(int pageSize) {
        super(pageSize);
    }

    @Override
    public Result ioctl(int fd, Command cmd, Caller caller) {
        var r = d.ioctl(fd, cmd, caller);
        return cmd instanceof Command.GetSize && r instanceof Result.Value v && v.value() > 0 ? Result.ok(v.value() + 1) : r;
    }
}
