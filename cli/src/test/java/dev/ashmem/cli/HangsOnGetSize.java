package dev.ashmem.cli;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Result;

/** A hanging implementation for the campaign's tests: the model, except that GET_SIZE never returns. */
public final class HangsOnGetSize extends ForwardingModel {
    public HangsOnGetSize(int pageSize) {
        super(pageSize);
    }

    @Override
    public Result ioctl(int fd, Command cmd, Caller caller) {
        if (cmd instanceof Command.GetSize) {
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    // a hang does not end for an interrupt either
                }
            }
        }
        return d.ioctl(fd, cmd, caller);
    }
}
