package dev.ashmem.oracle.protocol;

/**
 * The process under test misbehaved at the protocol level: it timed out, died, or replied with a line
 * that is not in the protocol, or refused a request with {@code error ...}. {@link #kind()} names which, for
 * reports and shrinking.
 */
public final class ImplementationFailure extends RuntimeException {
    /** What went wrong. */
    public enum Kind { TIMEOUT, EXITED, PROTOCOL, REFUSED }

    private final Kind kind;

    public ImplementationFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
