package dev.ashmem.impl;

import dev.ashmem.impl.sys.SysException;

/**
 * The operating system refused the implementation a resource for which the driver surface has no errno:
 * EMFILE or ENFILE (no file descriptor for a backing memfd), ENOSPC, and the like. The spec assumes such
 * allocations succeed (spec 1.5), so this is reported as what it is, with the call and the errno by
 * name, and the device stays usable: free resources and try again.
 */
public final class OsLimitException extends RuntimeException {
    private final String call;
    private final int errno;

    OsLimitException(String operation, SysException cause) {
        super(operation + ": the operating system refused " + cause.call() + " with " + name(cause.errno())
                + "; the driver surface has no errno for this (resource exhaustion is outside the spec)", cause);
        this.call = cause.call();
        this.errno = cause.errno();
    }

    /** The system call that failed, such as memfd_create. */
    public String call() {
        return call;
    }

    /** The positive errno the system call returned. */
    public int errno() {
        return errno;
    }

    /** The errno's name and meaning for the errnos of resource exhaustion, else its number. */
    static String name(int errno) {
        return switch (errno) {
            case 11 -> "EAGAIN (resource temporarily unavailable)";
            case 12 -> "ENOMEM (out of memory)";
            case 23 -> "ENFILE (too many open files in the system)";
            case 24 -> "EMFILE (too many open files in this process)";
            case 27 -> "EFBIG (file too large)";
            case 28 -> "ENOSPC (no space left on device)";
            default -> "errno " + errno;
        };
    }
}
