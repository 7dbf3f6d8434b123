package dev.ashmem.model;

/** Protection bits as in {@code <sys/mman.h>}; the prot mask is a subset of {@link #ALL}. */
public final class Prot {
    public static final int NONE = 0;
    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int EXEC = 4;
    public static final int ALL = READ | WRITE | EXEC;

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
