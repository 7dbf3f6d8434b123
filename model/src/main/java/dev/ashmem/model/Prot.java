package dev.ashmem.model;

/** Protection bits as in {@code <sys/mman.h>}; the prot mask is a subset of {@link #ALL}. */
public final class Prot {
    public static final int NONE = 0;
    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int EXEC = 4;
    public static final int ALL = READ | WRITE | EXEC;
    /** PROT_SEM (asm-generic/mman-common.h): accepted by mprotect's arch_validate_prot, no effect (MPROTECT-MAY). */
    public static final int SEM = 0x8;
    /** PROT_GROWSDOWN / PROT_GROWSUP: mprotect-only requests to extend to a growable mapping's end. */
    public static final int GROWSDOWN = 0x0100_0000;
    public static final int GROWSUP = 0x0200_0000;

    private Prot() {
    }

    /** "rwx"-style text, "---" for none. */
    public static String format(long prot) {
        if ((prot & ~ALL) != 0) {
            return "0x" + Long.toHexString(prot);
        }
        return ((prot & READ) != 0 ? "r" : "-") + ((prot & WRITE) != 0 ? "w" : "-") + ((prot & EXEC) != 0 ? "x" : "-");
    }
}
