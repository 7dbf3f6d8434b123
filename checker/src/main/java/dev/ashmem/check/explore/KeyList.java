package dev.ashmem.check.explore;

/**
 * A growable list of packed states with their hashes (each entry: the key's words, then its hash), in a
 * long[] that one thread writes and another reads after a barrier: the keys a member of a parallel
 * round hands to the member whose stretch of the state table they go to ({@link StateStore#insertStretch}),
 * and the keys left over for the main thread.
 */
final class KeyList {
    private final int w;
    private final int stride;
    private long[] a;
    private int n;

    KeyList(int words) {
        this.w = words;
        this.stride = words + 1;
        this.a = new long[64 * stride];
    }

    void add(long[] key, long hash) {
        int b = n * stride;
        if (b + stride > a.length) {
            a = java.util.Arrays.copyOf(a, a.length * 2);
        }
        System.arraycopy(key, 0, a, b, w);
        a[b + w] = hash;
        n++;
    }

    int size() {
        return n;
    }

    void key(int i, long[] out) {
        System.arraycopy(a, i * stride, out, 0, w);
    }

    long hash(int i) {
        return a[i * stride + w];
    }

    void clear() {
        n = 0;
    }
}
