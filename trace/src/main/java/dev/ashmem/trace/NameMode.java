package dev.ashmem.trace;

/**
 * How trace names of handles and mappings relate to the model's numbers. MAPPED (the default): names are
 * whatever the implementation returned and are bound to the model's values as the trace runs, so real
 * file descriptors or addresses are fine. EXACT: names are the numbers themselves and must equal the
 * model's (spec HANDLE-NUM, MMAP-ID).
 */
public enum NameMode {
    MAPPED,
    EXACT;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
