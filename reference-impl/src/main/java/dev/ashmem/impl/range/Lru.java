package dev.ashmem.impl.range;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The global LRU of unpurged ranges, oldest first, as an intrusive doubly linked list, and lruCount
 * (pages on it, unsigned, wrapping). Guarded by the driver mutex; the count is also read without it
 * (SHRINK-COUNT), so it is written with release stores and read with acquire loads: an unlocked reader
 * sees some whole value it had, as the driver's plain unsigned long read does, and the writers (all
 * under the mutex) pay no fence.
 */
public final class Lru<O> {
    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(Lru.class, "count", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Range<O> head;
    private Range<O> tail;
    @SuppressWarnings("unused") // through COUNT
    private long count;
    private int length;

    /** lru_add(): to the tail; lruCount grows by the range's size. */
    public void addTail(Range<O> r) {
        link(tail, r);
    }

    /** Next to {@code anchor} instead of the tail (only for deliberately broken variants). */
    public void addAfter(Range<O> anchor, Range<O> r) {
        link(anchor, r);
    }

    private void link(Range<O> after, Range<O> r) {
        if (r.onLru) {
            throw new IllegalStateException("range " + r + " is already on the LRU");
        }
        r.lruPrev = after;
        r.lruNext = after == null ? head : after.lruNext;
        if (r.lruNext == null) {
            tail = r;
        } else {
            r.lruNext.lruPrev = r;
        }
        if (after == null) {
            head = r;
        } else {
            after.lruNext = r;
        }
        r.onLru = true;
        length++;
        add(r.size());
    }

    /** lru_del(): lruCount drops by the range's size. */
    public void remove(Range<O> r) {
        if (!r.onLru) {
            throw new IllegalStateException("range " + r + " is not on the LRU");
        }
        if (r.lruPrev == null) {
            head = r.lruNext;
        } else {
            r.lruPrev.lruNext = r.lruNext;
        }
        if (r.lruNext == null) {
            tail = r.lruPrev;
        } else {
            r.lruNext.lruPrev = r.lruPrev;
        }
        r.lruPrev = null;
        r.lruNext = null;
        r.onLru = false;
        length--;
        add(-r.size());
    }

    /** range_shrink() on an LRU range: lruCount -= pre - post, in unsigned arithmetic. */
    void shrunk(long pre, long post) {
        add(-(pre - post));
    }

    /** Only the mutex holder writes, so a plain read and a release store make the update. */
    private void add(long delta) {
        COUNT.setRelease(this, (long) COUNT.get(this) + delta);
    }

    /** Empties the list (a reset relinks the ranges it restores, then sets the count it saved). */
    public void clear() {
        for (var r = head; r != null; ) {
            var next = r.lruNext;
            r.lruPrev = null;
            r.lruNext = null;
            r.onLru = false;
            r = next;
        }
        head = null;
        tail = null;
        length = 0;
        COUNT.setRelease(this, 0L);
    }

    /** lruCount as saved: it need not be the sum of the sizes (a broken variant may have lost some). */
    public void restoreCount(long count) {
        COUNT.setRelease(this, count);
    }

    /** The oldest range, or null. */
    public Range<O> head() {
        return head;
    }

    public boolean isEmpty() {
        return head == null;
    }

    /** lruCount as an unsigned value. */
    public long count() {
        return (long) COUNT.getAcquire(this);
    }

    public int length() {
        return length;
    }

    /** The ranges oldest first. */
    public List<Range<O>> toList() {
        var out = new ArrayList<Range<O>>(length);
        for (var r = head; r != null; r = r.lruNext) {
            out.add(r);
        }
        return out;
    }
}
