package dev.ashmem.oracle.rules;

import dev.ashmem.model.Abi;
/** The driver's unsigned arithmetic (spec ARITH-U64, CTX-PAGE). */
final class Arith {

    private Arith() {
    }

    /** PAGE_ALIGN(x) mod 2^64. */
    static long pageAlign(long x, int pageSize) {
        return (x + pageSize - 1) & -(long) pageSize;
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

    /** DIV_ROUND_UP(size, P). */
    static long pagesOf(long size, int pageSize) {
        return Long.divideUnsigned(size, pageSize) + (Long.remainderUnsigned(size, pageSize) == 0 ? 0 : 1);
    }
}
