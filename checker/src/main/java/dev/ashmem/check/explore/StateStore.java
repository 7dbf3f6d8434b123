package dev.ashmem.check.explore;

/**
 * The set of visited states: packed states of a fixed number of longs. An open-addressing table holds
 * the states' words inline (one cache miss per lookup, no boxing, nothing else per slot); a second,
 * chunked array holds the states in insertion order, which is BFS order (so the store is also the
 * queue), each with the index of the state it was first reached from (for shortest paths). The
 * all-zero state cannot mark an empty slot, so it is kept aside.
 */
public final class StateStore implements StateLog {
    private static final java.lang.invoke.VarHandle WORDS = java.lang.invoke.MethodHandles.arrayElementVarHandle(long[].class);
    private static final java.lang.invoke.VarHandle INTS = java.lang.invoke.MethodHandles.arrayElementVarHandle(int[].class);
    /** Stripe locks of the table for concurrent inserts of keys of more than one long (a power of two). */
    private static final int STRIPES = 1 << 12;
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MASK = CHUNK - 1;
    private static final double LOAD = 0.8;
    /** The slot {@link #probe} gives the all-zero key when it is not stored yet. */
    private static final int ZERO_SLOT = Integer.MAX_VALUE;

    private final int w;
    private long[][] states = new long[64][];
    private int[][] parents = new int[64][];
    private int size;
    private long[] table;
    private int slots;
    private int limit;
    private int tableCount;
    private boolean zeroStored;
    /** Set by a concurrent insert of the all-zero key (at most one a run: the keys put concurrently are new). */
    private volatile boolean zeroPut;
    private int[] stripes;

    public StateStore(int words, int expected) {
        this.w = words;
        allocate((int) Math.max(1024, Math.min(1 << 28, (long) (expected / LOAD) + 1)));
    }

    private void allocate(int cap) {
        if (cap <= slots) {
            throw new IllegalStateException("state table full: " + size + " states of " + w + " longs");
        }
        if ((long) cap * w > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("state table full: " + size + " states of " + w + " longs");
        }
        table = new long[cap * w];
        slots = cap;
        limit = (int) (cap * LOAD);
    }

    @Override
    public int size() {
        return size;
    }

    public int words() {
        return w;
    }

    public static long hash(long[] key, int w) {
        long h = 0x9E37_79B9_7F4A_7C15L;
        for (int i = 0; i < w; i++) {
            h ^= key[i];
            h *= 0xBF58_476D_1CE4_E5B9L;
            h ^= h >>> 31;
        }
        h *= 0x94D0_49BB_1331_11EBL;
        return h ^ (h >>> 29);
    }

    /** The free slot where {@code key} would go, or -1 if the key is already stored. */
    public int probe(long[] key) {
        return probe(key, hash(key, w));
    }

    /**
     * Reads the table line a key with this hash starts at. Touching the lines of a batch of keys before
     * probing them lets the processor fetch them from memory in parallel.
     */
    public long touch(long hash) {
        return table[home(hash, slots) * w];
    }

    /** The first slot of a hash: its high half scaled to the table (any table size, no modulo). */
    private static int home(long hash, int slots) {
        return (int) (((hash >>> 32) * slots) >>> 32);
    }

    public int probe(long[] key, long hash) {
        if (isZero(key)) {
            return zeroStored ? -1 : ZERO_SLOT;
        }
        int n = slots;
        int slot = home(hash, n);
        long[] t = table;
        while (true) {
            int b = slot * w;
            if (t[b] == key[0] && sameRest(t, b, key)) {
                return -1;
            }
            if (isZeroAt(t, b)) {
                return slot;
            }
            if (++slot == n) {
                slot = 0;
            }
        }
    }

    private boolean isZero(long[] key) {
        for (int i = 0; i < w; i++) {
            if (key[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private boolean isZeroAt(long[] t, int b) {
        for (int i = 0; i < w; i++) {
            if (t[b + i] != 0) {
                return false;
            }
        }
        return true;
    }

    private boolean sameRest(long[] t, int b, long[] key) {
        for (int i = 1; i < w; i++) {
            if (t[b + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    /** Stores a key at the slot {@link #probe} returned (no other insert in between); returns its index. */
    public int insert(int slot, long[] key, int parent) {
        int idx = size;
        if (idx == Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("more than 2^31 states");
        }
        int chunk = idx >>> CHUNK_BITS;
        if (chunk == states.length) {
            states = java.util.Arrays.copyOf(states, chunk * 2);
            parents = java.util.Arrays.copyOf(parents, chunk * 2);
        }
        if (states[chunk] == null) {
            states[chunk] = new long[CHUNK * w];
            parents[chunk] = new int[CHUNK];
        }
        System.arraycopy(key, 0, states[chunk], (idx & MASK) * w, w);
        parents[chunk][idx & MASK] = parent;
        size = idx + 1;
        if (slot == ZERO_SLOT) {
            zeroStored = true;
            return idx;
        }
        System.arraycopy(key, 0, table, slot * w, w);
        if (++tableCount > limit) {
            grow();
        }
        return idx;
    }

    // ---------------------------------------------------------------- concurrent commit of a parallel round
    //
    // A parallel round stores n new states at indices [size, size + n), known in advance: the main thread
    // reserves room ({@link #reserve}, growing the table if need be), then any number of threads write
    // the states ({@link #put}) and add their keys to the table ({@link #insertNew}) at once, then the main
    // thread takes them in ({@link #commit}). Between those calls nobody reads the store. Memory per
    // state is the sequential store's: the table holds the keys only.

    /** Room for {@code n} more states: their chunks allocated, and the table grown so that none of them makes it grow. */
    void reserve(int n) {
        long end = (long) size + n;
        if (end >= Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("more than 2^31 states");
        }
        int last = (int) ((end - 1) >>> CHUNK_BITS);
        if (n > 0 && last >= states.length) {
            int len = states.length;
            while (len <= last) {
                len *= 2;
            }
            states = java.util.Arrays.copyOf(states, len);
            parents = java.util.Arrays.copyOf(parents, len);
        }
        for (int c = size >>> CHUNK_BITS; n > 0 && c <= last; c++) {
            if (states[c] == null) {
                states[c] = new long[CHUNK * w];
                parents[c] = new int[CHUNK];
            }
        }
        // The sequential store grows once it holds more than limit keys; here before, so that the
        // concurrent inserts never need to (a crew grows it first, growFor and rehash).
        while (tableCount + n > limit) {
            grow();
        }
        if (w > 1 && stripes == null) {
            stripes = new int[STRIPES];
        }
    }

    /**
     * When {@code n} more keys would not fit, allocates the larger table and returns the old one, whose
     * keys the caller's threads then move with {@link #rehash} (slices of it, at once); else null.
     */
    long[] growFor(int n) {
        if (tableCount + n <= limit) {
            return null;
        }
        if (w > 1 && stripes == null) {
            stripes = new int[STRIPES];
        }
        var old = table;
        allocate(larger(slots));
        return old;
    }

    /** Moves the keys of slots [s0, s1) of the old table into the new one; any thread, at once with others. */
    void rehash(long[] old, int s0, int s1) {
        var key = new long[w];
        for (int s = s0; s < s1; s++) {
            int b = s * w;
            if (!isZeroAt(old, b)) {
                System.arraycopy(old, b, key, 0, w);
                insertNew(key, hash(key, w));
            }
        }
    }

    /** Writes state {@code idx} (reserved, not yet committed) and its parent; any thread, one per index. */
    void put(int idx, long[] key, int parent) {
        System.arraycopy(key, 0, states[idx >>> CHUNK_BITS], (idx & MASK) * w, w);
        parents[idx >>> CHUNK_BITS][idx & MASK] = parent;
    }

    /**
     * Adds a key the table does not hold to it, from any thread while others add other such keys: a
     * one-long key by compare-and-set of its slot, a longer one under the lock of the slot's stripe.
     */
    void insertNew(long[] key, long hash) {
        if (isZero(key)) {
            zeroPut = true;
            return;
        }
        long[] t = table;
        int n = slots;
        int slot = home(hash, n);
        if (w == 1) {
            long k = key[0];
            // Read first: a compare-and-set takes the line for itself even when it fails.
            while ((long) WORDS.getOpaque(t, slot) != 0L || !WORDS.compareAndSet(t, slot, 0L, k)) {
                if (++slot == n) {
                    slot = 0;
                }
            }
            return;
        }
        while (true) {
            int b = slot * w;
            if (isZeroAtOpaque(t, b)) {
                int s = slot & (STRIPES - 1);
                while (!INTS.compareAndSet(stripes, s, 0, 1)) {
                    Thread.onSpinWait();
                }
                try {
                    if (isZeroAt(t, b)) {
                        System.arraycopy(key, 0, t, b, w);
                        return;
                    }
                } finally {
                    INTS.setRelease(stripes, s, 0);
                }
            }
            if (++slot == n) {
                slot = 0;
            }
        }
    }

    private boolean isZeroAtOpaque(long[] t, int b) {
        for (int i = 0; i < w; i++) {
            if ((long) WORDS.getOpaque(t, b + i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Takes in the {@code n} states put and inserted since {@link #reserve}. */
    void commit(int n) {
        int inTable = n;
        if (zeroPut && !zeroStored) {
            zeroStored = true;
            inTable--;
        }
        size += n;
        tableCount += inTable;
    }

    /** Adds the state if new; returns its index, or -1 if it was already there. */
    public int add(long[] key, int parent) {
        int slot = probe(key);
        return slot < 0 ? -1 : insert(slot, key, parent);
    }

    @Override
    public void get(int idx, long[] out) {
        System.arraycopy(states[idx >>> CHUNK_BITS], (idx & MASK) * w, out, 0, w);
    }

    @Override
    public int parent(int idx) {
        return parents[idx >>> CHUNK_BITS][idx & MASK];
    }

    /** x2 while small, x1.5 when large: the table is the largest structure and grows with the old one alive. */
    private int larger(int oldSlots) {
        return (int) Math.min(Integer.MAX_VALUE / w - 16, oldSlots < (1 << 24) ? oldSlots * 2L : oldSlots * 3L / 2);
    }

    private void grow() {
        var old = table;
        int oldSlots = slots;
        allocate(larger(oldSlots));
        int n = slots;
        var key = new long[w];
        for (int s = 0; s < oldSlots; s++) {
            int b = s * w;
            if (isZeroAt(old, b)) {
                continue;
            }
            System.arraycopy(old, b, key, 0, w);
            int slot = home(hash(key, w), n);
            while (!isZeroAt(table, slot * w)) {
                if (++slot == n) {
                    slot = 0;
                }
            }
            System.arraycopy(old, b, table, slot * w, w);
        }
    }

    /**
     * The most heap this store takes on its way to {@code states} states: its states and parents, and
     * its table when it last grows on the way (the old table and the new one alive together).
     */
    public long bytesAfter(long states) {
        long chunks = (states + CHUNK - 1) >>> CHUNK_BITS;
        long fixed = chunks * CHUNK * (w * 8L + 4L);
        long cap = slots;
        long peak = cap * w * 8L;
        while (states > (long) (cap * LOAD)) {
            long next = cap < (1 << 24) ? cap * 2 : cap * 3 / 2;
            peak = (cap + next) * w * 8L;
            cap = next;
        }
        return fixed + peak;
    }

    /** Bytes held, for reports. */
    public long bytes() {
        long chunks = (size + CHUNK - 1L) >>> CHUNK_BITS;
        return table.length * 8L + chunks * CHUNK * (w * 8L + 4L);
    }
}
