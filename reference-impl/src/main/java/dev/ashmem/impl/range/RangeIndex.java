package dev.ashmem.impl.range;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * One area's ranges in ascending order: a sorted array while the area has few ranges, a balanced tree
 * once it has many. Most areas hold a handful of ranges, where a binary search over a few contiguous
 * references beats a tree walk (no node per range, no rebalancing, one cache line); the tree keeps
 * O(log n) insertion and deletion for areas with thousands. The switch has hysteresis so that an area
 * hovering at the threshold does not convert back and forth.
 *
 * <p>Elements are distinct under the order (the creation number breaks ties), so every lookup below is
 * exact. A range's keys must not change while it is in the index: remove it, change it, add it back.
 *
 * @param <O> the owning area
 */
final class RangeIndex<O> {
    /** Above this many ranges the array becomes a tree: inserting into the array costs a copy of its tail. */
    static final int TO_TREE = 64;
    /** Below this many the tree becomes an array again. */
    static final int TO_ARRAY = 16;

    private final Comparator<Range<?>> order;
    @SuppressWarnings("unchecked")
    private Range<O>[] items = new Range[8];
    private int size;
    /** Non-null exactly while the ranges live in the tree (and {@link #items} is unused). */
    private TreeSet<Range<O>> tree;

    RangeIndex(Comparator<Range<?>> order) {
        this.order = order;
    }

    int size() {
        return tree != null ? tree.size() : size;
    }

    boolean usesTree() {
        return tree != null;
    }

    /** Index of the first element strictly greater than {@code key} (size when none is). */
    private int upperBound(Range<O> key) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(items[mid], key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first element greater than or equal to {@code key}. */
    private int lowerBound(Range<O> key) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(items[mid], key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The least element &ge; key, or null. */
    Range<O> ceiling(Range<O> key) {
        if (tree != null) {
            return tree.ceiling(key);
        }
        int i = lowerBound(key);
        return i < size ? items[i] : null;
    }

    /** The least element &gt; key, or null. */
    Range<O> higher(Range<O> key) {
        if (tree != null) {
            return tree.higher(key);
        }
        int i = upperBound(key);
        return i < size ? items[i] : null;
    }

    /** The greatest element &le; key, or null. */
    Range<O> floor(Range<O> key) {
        if (tree != null) {
            return tree.floor(key);
        }
        int i = upperBound(key);
        return i > 0 ? items[i - 1] : null;
    }

    void add(Range<O> r) {
        if (tree != null) {
            tree.add(r);
            return;
        }
        if (size == TO_TREE) {
            toTree();
            tree.add(r);
            return;
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        int i = upperBound(r);
        System.arraycopy(items, i, items, i + 1, size - i);
        items[i] = r;
        size++;
    }

    void remove(Range<O> r) {
        if (tree != null) {
            tree.remove(r);
            if (tree.size() < TO_ARRAY) {
                toArray();
            }
            return;
        }
        int i = lowerBound(r);
        if (i == size || items[i] != r) {
            throw new IllegalStateException("range " + r + " is not in its area's index");
        }
        System.arraycopy(items, i + 1, items, i, size - i - 1);
        items[--size] = null;
    }

    void clear() {
        tree = null;
        Arrays.fill(items, 0, size, null);
        size = 0;
    }

    /** The elements in ascending order (a copy: callers may change the index while going through it). */
    List<Range<O>> ascending() {
        if (tree != null) {
            return new ArrayList<>(tree);
        }
        return new ArrayList<>(Arrays.asList(items).subList(0, size));
    }

    private void toTree() {
        tree = new TreeSet<>(order);
        tree.addAll(Arrays.asList(items).subList(0, size));
        Arrays.fill(items, 0, size, null);
        size = 0;
    }

    private void toArray() {
        size = 0;
        for (var r : tree) {
            items[size++] = r; // fewer than TO_ARRAY, and the array still has the capacity it grew to
        }
        tree = null;
    }
}
