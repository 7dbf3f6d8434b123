package dev.ashmem.impl.cutils;

import dev.ashmem.model.Errno;

/** A driver call made through a Java handle failed with an errno. */
public final class AshmemException extends RuntimeException {
    private final Errno errno;

    public AshmemException(String operation, Errno errno) {
        super(operation + " failed: " + errno);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
