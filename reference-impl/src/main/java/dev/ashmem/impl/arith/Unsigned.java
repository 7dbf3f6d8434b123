package dev.ashmem.impl.arith;

/** C's unsigned 64-bit arithmetic on Java longs (spec ARITH-U64); u32 values travel in longs too. */
public final class Unsigned {
    public static final long U32_MAX = 0xFFFF_FFFFL;
    public static final long U64_MAX = -1L;

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

    /** PAGE_ALIGN(x): round up to a multiple of the page size, wrapping mod 2^64. */
    public static long pageAlign(long x, int pageSize) {
        return (x + pageSize - 1) & -(long) pageSize;
    }

    /** DIV_ROUND_UP(size, P) for a size below 2^63. */
    public static long pagesOf(long size, int pageSize) {
        return Long.divideUnsigned(size, pageSize) + (Long.remainderUnsigned(size, pageSize) == 0 ? 0 : 1);
    }
}
