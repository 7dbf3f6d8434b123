package dev.ashmem.impl;

/** Pages [first, end) of a backing file; empty when first &ge; end (unsigned). */
public record PageSpan(long first, long end) {
    public static final PageSpan EMPTY = new PageSpan(0, 0);

    public boolean isEmpty() {
        return Long.compareUnsigned(first, end) >= 0;
    }
}
