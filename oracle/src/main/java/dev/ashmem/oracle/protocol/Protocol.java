package dev.ashmem.oracle.protocol;

/** The control words of the line protocol besides operation requests. */
public final class Protocol {
    /** Request: start from a fresh device (no handles, no mappings); reply {@link #OK}. */
    public static final String RESET = "reset";
    public static final String OK = "ok";
    /** Request: end the session; reply {@link #BYE}, then the server exits. */
    public static final String BYE = "bye";
    /** Reply prefix for a request the server could not take. */
    public static final String ERROR = "error";
    /**
     * The word after {@link #ERROR} of a reply to an operation the implementation cannot express
     * ({@code error unsupported GET_PIN_STATUS}): drive stops sending that operation class and goes on.
     */
    public static final String UNSUPPORTED = "unsupported";

    private Protocol() {
    }
}
