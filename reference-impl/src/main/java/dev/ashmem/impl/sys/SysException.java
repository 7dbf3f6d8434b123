package dev.ashmem.impl.sys;

/** A failed system call inside the implementation, carrying the errno to report. */
public final class SysException extends Exception {
    private final String call;
    private final int errno;

    public SysException(String call, int errno) {
        super(call + " failed with errno " + errno, null, false, false);
        this.call = call;
        this.errno = errno;
    }

    /** The system call that failed. */
    public String call() {
        return call;
    }

    /** The positive errno. */
    public int errno() {
        return errno;
    }
}
