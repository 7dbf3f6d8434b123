package dev.ashmem.oracle.profile;

/** A profile cannot evaluate an operation (its model has no way to express it); the message says why. */
public final class ProfileLimitation extends RuntimeException {
    public ProfileLimitation(String message) {
        super(message);
    }
}
