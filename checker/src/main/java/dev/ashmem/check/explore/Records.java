package dev.ashmem.check.explore;

/**
 * Sorting of fixed-size records laid out in a long[] (record i is words [i*stride, (i+1)*stride)),
 * ordered by their first {@code by} words compared as signed longs, lexicographically. The spilling
 * explorer sorts its runs with it: no object per record, no index array.
 */
final class Records {
    private Records() {
    }

    /** Compares record i of a with record j of b on their first {@code by} words. */
    static int compare(long[] a, int i, long[] b, int j, int stride, int by) {
        int x = i * stride;
        int y = j * stride;
        for (int k = 0; k < by; k++) {
            int c = Long.compare(a[x + k], b[y + k]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static void sort(long[] a, int n, int stride, int by) {
        sort(a, 0, n - 1, stride, by, new long[stride], 2 * (32 - Integer.numberOfLeadingZeros(Math.max(1, n))));
    }

    // Quicksort (median of three) with insertion sort for short ranges; deep recursion falls back to heapsort.
    private static void sort(long[] a, int lo, int hi, int stride, int by, long[] tmp, int depth) {
        while (hi - lo > 16) {
            if (depth-- == 0) {
                heapsort(a, lo, hi, stride, by);
                return;
            }
            int mid = (lo + hi) >>> 1;
            if (compare(a, mid, a, lo, stride, by) < 0) {
                swap(a, mid, lo, stride);
            }
            if (compare(a, hi, a, lo, stride, by) < 0) {
                swap(a, hi, lo, stride);
            }
            if (compare(a, hi, a, mid, stride, by) < 0) {
                swap(a, hi, mid, stride);
            }
            // The pivot (the median) goes to hi - 1; a[lo] <= pivot <= a[hi] bound the scans.
            swap(a, mid, hi - 1, stride);
            System.arraycopy(a, (hi - 1) * stride, tmp, 0, stride);
            int i = lo;
            int j = hi - 1;
            while (true) {
                while (compare(a, ++i, tmp, 0, stride, by) < 0) {
                }
                while (compare(tmp, 0, a, --j, stride, by) < 0) {
                }
                if (i >= j) {
                    break;
                }
                swap(a, i, j, stride);
            }
            swap(a, i, hi - 1, stride);
            // Recurse into the smaller side, loop on the larger one.
            if (i - lo < hi - i) {
                sort(a, lo, i - 1, stride, by, tmp, depth);
                lo = i + 1;
            } else {
                sort(a, i + 1, hi, stride, by, tmp, depth);
                hi = i - 1;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            for (int j = i; j > lo && compare(a, j, a, j - 1, stride, by) < 0; j--) {
                swap(a, j, j - 1, stride);
            }
        }
    }

    private static void heapsort(long[] a, int lo, int hi, int stride, int by) {
        int n = hi - lo + 1;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(a, lo, i, n, stride, by);
        }
        for (int end = n - 1; end > 0; end--) {
            swap(a, lo, lo + end, stride);
            siftDown(a, lo, 0, end, stride, by);
        }
    }

    private static void siftDown(long[] a, int lo, int i, int n, int stride, int by) {
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) {
                return;
            }
            if (c + 1 < n && compare(a, lo + c + 1, a, lo + c, stride, by) > 0) {
                c++;
            }
            if (compare(a, lo + c, a, lo + i, stride, by) <= 0) {
                return;
            }
            swap(a, lo + i, lo + c, stride);
            i = c;
        }
    }

    private static void swap(long[] a, int i, int j, int stride) {
        int x = i * stride;
        int y = j * stride;
        for (int k = 0; k < stride; k++) {
            long t = a[x + k];
            a[x + k] = a[y + k];
            a[y + k] = t;
        }
    }
}
