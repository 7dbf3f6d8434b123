package dev.ashmem.impl;

/** The page interval a PIN/UNPIN/GET_PIN_STATUS argument names (PINARG-PAGES); may be [k, k-1]. */
public record PinPages(long pgstart, long pgend) {
    @Override
    public String toString() {
        return "[" + Long.toUnsignedString(pgstart) + ".." + Long.toUnsignedString(pgend) + "]";
    }
}
