package dev.ashmem.model;

/** C's unsigned 64-bit and u32 arithmetic on Java longs (spec ARITH-U64). */
public final class Unsigned {
    private Unsigned() {
    }

    public static boolean lt(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }

    public static boolean le(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0;
    }

    public static boolean gt(long a, long b) {
        return Long.compareUnsigned(a, b) > 0;
    }

    public static boolean ge(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0;
    }

    public static long min(long a, long b) {
        return lt(a, b) ? a : b;
    }

    public static long max(long a, long b) {
        return lt(a, b) ? b : a;
    }

    /** PAGE_ALIGN(x): round up to a multiple of P, wrapping mod 2^64. */
    public static long pageAlign(long x, int pageSize) {
        return (x + pageSize - 1) & -(long) pageSize;
    }

    /** Number of pages of a byte size, rounded up: DIV_ROUND_UP(size, P), for sizes below 2^63. */
    public static long pagesOf(long size, int pageSize) {
        return Long.divideUnsigned(size, pageSize) + (Long.remainderUnsigned(size, pageSize) == 0 ? 0 : 1);
    }
}
