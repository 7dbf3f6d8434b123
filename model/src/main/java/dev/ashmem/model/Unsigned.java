package dev.ashmem.model;

/** C's unsigned 64-bit and u32 arithmetic on Java longs (spec ARITH-U64). */
final class Unsigned {
    static final long U32_MAX = 0xFFFF_FFFFL;

    private Unsigned() {
    }

    static boolean lt(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }

    static boolean le(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0;
    }

    static boolean ge(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0;
    }

    static long min(long a, long b) {
        return lt(a, b) ? a : b;
    }

    static long max(long a, long b) {
        return lt(a, b) ? b : a;
    }

    /** PAGE_ALIGN(x): round up to a multiple of P, wrapping mod 2^64. */
    static long pageAlign(long x, int pageSize) {
        return (x + pageSize - 1) & -(long) pageSize;
    }

    /** Number of pages of a byte size, rounded up: DIV_ROUND_UP(size, P), for sizes below 2^63. */
    static long pagesOf(long size, int pageSize) {
        return Long.divideUnsigned(size, pageSize) + (Long.remainderUnsigned(size, pageSize) == 0 ? 0 : 1);
    }
}
