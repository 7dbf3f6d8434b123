package dev.ashmem.check.kernel;

import dev.ashmem.check.scope.Scope;

/**
 * The kernel's working form of a state: one flat int[] ("frame") with fixed offsets computed from the
 * scope, so a successor is one System.arraycopy away from its parent. Ranges live in a pool and are
 * referenced by pool index from their area's list and from the LRU, as the driver's list_heads do.
 * File references (area, mapping, shrinker) hold file slot + 1, so 0 means none.
 */
public final class Layout {
    // Header.
    static final int LRU_LEN = 0;
    static final int LRU_COUNT = 1;
    static final int INFLIGHT = 2;
    /** Ghost: 1 once a punch turned a pinned data page into a hole (INV-PUNCH-PINNED). */
    static final int GHOST = 3;
    static final int POOL_NEXT = 4;
    static final int NMAPS = 5;
    static final int HEADER = 6;

    // Area block.
    static final int A_OPEN = 0;
    /** Index into the scope's size table. */
    static final int A_SIZE = 1;
    static final int A_MASK = 2;
    static final int A_FILE = 3;
    static final int A_NR = 4;
    /** Ghost: pages written while pinned, until unpinned again (the content law of spec 9.2). */
    static final int A_GUARD = 5;
    static final int A_LIST = 6;

    // Pool entry (one range).
    static final int R_START = 0;
    static final int R_END = 1;
    static final int R_PURGED = 2;
    static final int R_AREA = 3;
    static final int R_STRIDE = 4;

    // File entry.
    static final int F_STATE = 0;
    static final int F_SIZE = 1;
    /** Bit p set: page p holds data; clear: a hole. */
    static final int F_DATA = 2;
    static final int F_STRIDE = 3;
    static final int FILE_FREE = 0;
    static final int FILE_LIVE = 1;
    /** Held only by a pending punch: nothing can observe its content any more. */
    static final int FILE_DEAD = 2;

    // Mapping entry, in creation order (the model's id order).
    static final int M_FILE = 0;
    static final int M_PAGES = 1;
    static final int M_PGOFF = 2;
    static final int M_PROT = 3;
    static final int M_MAY = 4;
    static final int M_SHARED = 5;
    static final int M_STRIDE = 6;

    // Shrinker thread.
    static final int S_PHASE = 0;
    static final int S_FILE = 1;
    static final int S_START = 2;
    static final int S_END = 3;
    static final int S_STRIDE = 4;
    public static final int PHASE_IDLE = 0;
    public static final int PHASE_MARKED = 1;
    public static final int PHASE_PUNCHED = 2;

    final int areas;
    final int maxRanges;
    final int listCap;
    final int lruCap;
    final int poolCap;
    final int files;
    final int maps;
    final int shrinkers;
    final int lru0;
    final int area0;
    final int areaStride;
    final int pool0;
    final int file0;
    final int map0;
    final int shr0;
    final int length;

    Layout(Scope s) {
        areas = s.areas();
        maxRanges = s.maxRanges();
        listCap = maxRanges + 2; // one operation adds at most one range per list before pruning looks
        lruCap = areas * listCap;
        poolCap = areas * listCap + 4;
        maps = s.maxMappings();
        shrinkers = s.shrinkerThreads();
        files = areas + maps + shrinkers;
        lru0 = HEADER;
        area0 = lru0 + lruCap;
        areaStride = A_LIST + listCap;
        pool0 = area0 + areas * areaStride;
        file0 = pool0 + poolCap * R_STRIDE;
        map0 = file0 + files * F_STRIDE;
        shr0 = map0 + (maps + 1) * M_STRIDE; // one spare slot: mmap appends before pruning looks
        length = shr0 + shrinkers * S_STRIDE;
    }

    int area(int a) {
        return area0 + a * areaStride;
    }

    int range(int r) {
        return pool0 + r * R_STRIDE;
    }

    /** Base of the file entry referenced by {@code ref} (file slot + 1). */
    int file(int ref) {
        return file0 + (ref - 1) * F_STRIDE;
    }

    int map(int m) {
        return map0 + m * M_STRIDE;
    }

    int shrinker(int j) {
        return shr0 + j * S_STRIDE;
    }
}
