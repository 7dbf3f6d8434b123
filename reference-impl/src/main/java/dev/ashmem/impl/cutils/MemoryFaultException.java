package dev.ashmem.impl.cutils;

import dev.ashmem.model.Result;

/** An access through a mapping handle that the hardware would have refused with SIGSEGV or SIGBUS. */
public final class MemoryFaultException extends RuntimeException {
    private final Result.Signal signal;

    public MemoryFaultException(String access, Result.Signal signal) {
        super(access + " raised " + signal);
        this.signal = signal;
    }

    public Result.Signal signal() {
        return signal;
    }
}
