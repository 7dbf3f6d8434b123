package dev.ashmem.model;

/**
 * The calling task's context that the driver consults, as an explicit input (spec CTX-CALLER).
 *
 * @param capSysAdmin     the caller holds CAP_SYS_ADMIN (PURGE_ALL_CACHES)
 * @param readImpliesExec the caller's personality has READ_IMPLIES_EXEC (SET_PROT_MASK, mmap, mprotect)
 */
public record Caller(boolean capSysAdmin, boolean readImpliesExec) {
    /** An ordinary app: no capability, default personality. */
    public static final Caller APP = new Caller(false, false);
    /** A privileged caller (CAP_SYS_ADMIN), default personality. */
    public static final Caller ADMIN = new Caller(true, false);
    /** An app whose personality has READ_IMPLIES_EXEC. */
    public static final Caller READ_IMPLIES_EXEC = new Caller(false, true);

    @Override
    public String toString() {
        return TraceText.caller(this); // as the trace format writes it
    }
}
