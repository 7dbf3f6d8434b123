package dev.ashmem.check.kernel;

import static dev.ashmem.check.kernel.Layout.*;

import dev.ashmem.check.scope.Initial;
import dev.ashmem.check.scope.Letter;

/**
 * Packs a frame into a few longs and back. The packing is canonical: pool indices and file slots are
 * forgotten, and with symmetry on, interchangeable areas are sorted, so two frames that behave alike
 * pack to the same words. Unpacking yields a frame in normal form (the same for every frame of one
 * packing).
 *
 * <p>It packs sound states only, and tightly: what the invariants determine is not stored. Per area:
 * open, size index, mask and has-file (each only if the scope's alphabet can change it); the file's
 * hole/data bits and the guard bits (when content is tracked); the number of empty ranges [N..N-1] (by
 * INV-ORDER they head the list) with their purged flags; a page map, 2 bits a page (pinned, start of
 * a range, start of a purged range, continuation), which holds every non-empty range (INV-ORDER,
 * INV-BOUNDS); then, in list order, the LRU position of every range that is not purged (INV-LRU-IFF:
 * exactly those are on the LRU), which encodes the global LRU order without naming areas. lruCount is
 * the sum over the LRU (INV-LRU-COUNT) and the punch ghost is 0 (INV-PUNCH-PINNED), so neither is
 * stored. Then the files only mappings or pending punches hold, the mappings in creation order and the
 * shrinker threads. A frame outside this shape (it breaks an invariant, or a bound of the scope) is
 * reported as not faithfully packed.
 */
public final class Codec {
    private final Layout L;
    private final Kernel k;
    private final boolean symmetry;
    private final boolean mergeIdentical;
    private final boolean content;
    private final int pages;
    private final int orphanCap;
    // field widths
    private final int pb;
    private final int lb;
    private final int eb;
    private final int sb;
    private final int ib;
    // which area fields the alphabet can change, and their value when it cannot
    private final boolean varOpen;
    private final boolean varSize;
    private final boolean varMask;
    private final boolean varFile;
    private final int constSize;
    private final boolean constFile;
    private final int mb;
    private final int fb;
    private final int ob;
    private final int areaBitsMax;
    public final int words;
    // scratch
    private final int[] lruPos;
    private final int[] order;
    private final int[] fileEnc;
    private final int[] orphans;
    private final int[] posScratch;
    private final long[][] keys;
    private final int keyWords;
    private final int[] keyBits;
    private final int[] refToSlot;
    private final int[] lruAt;
    private final int[] starts;
    private final int[] ends;
    private final int[] flags;
    private long[] buf;
    private int pos;
    private boolean faithful;
    private int lruWritten;

    public Codec(Kernel kernel, boolean symmetry) {
        this(kernel, symmetry, false);
    }

    /**
     * @param mergeIdentical forget the LRU order among identical ranges of one area (stacked empty ones):
     *                       snapshots cannot show it, so comparisons with the model need this; exploration
     *                       must not, because a later scan purges the older one and the list shows which.
     */
    public Codec(Kernel kernel, boolean symmetry, boolean mergeIdentical) {
        this.mergeIdentical = mergeIdentical;
        this.k = kernel;
        this.L = kernel.layout();
        var s = kernel.scope();
        this.symmetry = symmetry && L.areas > 1;
        this.content = s.content();
        this.pages = s.maxPages();
        this.orphanCap = L.maps + L.shrinkers;
        pb = bits(pages);
        lb = bits(L.areas * L.maxRanges);
        eb = bits(s.maxEmpty());
        sb = bits(kernel.sizeValue.length - 1);
        ib = bits(L.shrinkers);
        mb = bits(L.maps);
        fb = bits(L.areas + orphanCap);
        ob = bits(orphanCap);
        var letters = s.alphabet();
        varOpen = letters.contains(Letter.CLOSE);
        varSize = letters.contains(Letter.SIZE) || varOpen;
        varMask = letters.contains(Letter.PROT) || letters.contains(Letter.RIE) || varOpen;
        constFile = s.initial() == Initial.FILE || s.initial() == Initial.MAPPED;
        varFile = varOpen || (letters.contains(Letter.MMAP) && !constFile);
        constSize = s.initial() == Initial.FRESH ? 0 : Alphabet.indexOf(kernel.sizeValue, (long) s.pages() * s.pageSize());
        int contentBits = content ? 2 * pages : 0;
        areaBitsMax = (varOpen ? 1 : 0) + (varSize ? sb : 0) + (varMask ? 3 : 0) + (varFile ? 1 : 0) + contentBits + eb + s.maxEmpty() * (1 + lb) + 2 * pages + pages * lb;
        int total = ib
                + L.areas * areaBitsMax
                + ob + orphanCap * (1 + sb + (content ? pages : 0))
                + mb + L.maps * (fb + 2 * pb + 3 + 3 + 1)
                + L.shrinkers * (2 + fb + 2 * pb);
        words = Math.max(1, (total + 63) / 64);
        lruPos = new int[L.poolCap];
        order = new int[L.areas];
        fileEnc = new int[L.files + 1];
        orphans = new int[orphanCap + 1];
        posScratch = new int[L.listCap];
        keyWords = (areaBitsMax + 63) / 64;
        keys = new long[L.areas][keyWords];
        keyBits = new int[L.areas];
        refToSlot = new int[L.areas + orphanCap + 2];
        lruAt = new int[L.lruCap + 1];
        starts = new int[pages];
        ends = new int[pages];
        flags = new int[pages];
    }

    static int bits(int maxValue) {
        return maxValue <= 0 ? 0 : 32 - Integer.numberOfLeadingZeros(maxValue);
    }

    // ---------------------------------------------------------------- bit stream

    private void put(int value, int width) {
        long v = value;
        if ((v & ~((1L << width) - 1)) != 0) {
            faithful = false; // a value no sound state has (a broken kernel's): the invariants will say which
            return;
        }
        if (width == 0) {
            return;
        }
        int w = pos >>> 6;
        int o = pos & 63;
        buf[w] |= v << o;
        if (o + width > 64) {
            buf[w + 1] |= v >>> (64 - o);
        }
        pos += width;
    }

    /** A field already known to fit. */
    private void putLong(long v, int width) {
        pos = write(buf, pos, v, width);
    }

    /** Writes {@code v} (no bit set at or above {@code width} <= 64) at bit {@code pos} of a zeroed {@code buf}; the position after it. */
    static int write(long[] buf, int pos, long v, int width) {
        int w = pos >>> 6;
        int o = pos & 63;
        buf[w] |= v << o;
        if (o + width > 64) {
            buf[w + 1] |= v >>> (64 - o);
        }
        return pos + width;
    }

    /**
     * Whether a packed state is its area blocks only, each area open with its file and a size and mask
     * no action changes, without content: no mapping, shrinker thread or in-flight count is stored, so
     * {@link PackedPins} can build successors' packings itself.
     */
    boolean areaBlocksOnly() {
        return !varOpen && !varSize && !varMask && !varFile && constFile && !content && !mergeIdentical && ib == 0 && ob == 0 && mb == 0;
    }

    int lruBits() {
        return lb;
    }

    int emptyBits() {
        return eb;
    }

    int pageBits() {
        return pages;
    }

    /** Longs one area block takes at most. */
    int areaWords() {
        return keyWords;
    }

    boolean sortsAreas() {
        return symmetry;
    }

    private long getLong(int width) {
        if (width == 0) {
            return 0;
        }
        int w = pos >>> 6;
        int o = pos & 63;
        long v = buf[w] >>> o;
        if (o + width > 64) {
            v |= buf[w + 1] << (64 - o);
        }
        pos += width;
        return width == 64 ? v : v & ((1L << width) - 1);
    }

    private int get(int width) {
        if (width == 0) {
            return 0;
        }
        int w = pos >>> 6;
        int o = pos & 63;
        long v = buf[w] >>> o;
        if (o + width > 64) {
            v |= buf[w + 1] << (64 - o);
        }
        pos += width;
        return (int) (v & ((1L << width) - 1));
    }

    // ---------------------------------------------------------------- encode

    /**
     * Packs {@code f} into {@code out}. Returns false when the packing cannot represent the frame
     * faithfully (an LRU entry twice or in no list, a file whose size differs from its area's, a value out
     * of range): only frames that break an invariant are like that, and the caller must check them.
     */
    public boolean encode(int[] f, long[] out) {
        for (int i = 0; i < words; i++) {
            out[i] = 0L;
        }
        faithful = true;
        lruWritten = 0;
        int n = f[LRU_LEN];
        int sum = 0;
        for (int i = 0; i < n; i++) {
            int r = f[L.lru0 + i];
            if (r < 0 || r >= lruPos.length || lruPos[r] != 0) {
                faithful = false;
                continue;
            }
            lruPos[r] = i + 1;
            int rb = L.range(r);
            sum += f[rb + R_END] - f[rb + R_START] + 1;
        }
        if (sum != f[LRU_COUNT] || f[GHOST] != 0) {
            faithful = false; // INV-LRU-COUNT or INV-PUNCH-PINNED broken: these are not stored
        }
        for (int a = 0; a < L.areas; a++) {
            order[a] = a;
        }
        if (symmetry) {
            sortAreas(f);
        }
        int orphanCount = 0;
        for (int c = 0; c < L.areas; c++) {
            int ab = L.area(order[c]);
            if (f[ab + A_OPEN] != 0 && f[ab + A_FILE] != 0) {
                fileEnc[f[ab + A_FILE]] = c + 1;
            }
        }
        for (int m = 0; m < f[NMAPS]; m++) {
            int ref = f[L.map(m) + M_FILE];
            if (fileEnc[ref] == 0) {
                fileEnc[ref] = L.areas + 1 + orphanCount;
                orphans[orphanCount++] = ref;
            }
        }
        for (int j = 0; j < L.shrinkers; j++) {
            int ref = f[L.shrinker(j) + S_FILE];
            if (ref != 0 && fileEnc[ref] == 0) {
                fileEnc[ref] = L.areas + 1 + orphanCount;
                orphans[orphanCount++] = ref;
            }
        }
        buf = out;
        pos = 0;
        put(f[INFLIGHT], ib);
        for (int c = 0; c < L.areas; c++) {
            if (symmetry) {
                appendKey(order[c]); // already packed while sorting
            } else {
                putArea(f, order[c]);
            }
        }
        put(orphanCount, ob);
        for (int i = 0; i < orphanCount; i++) {
            int fbase = L.file(orphans[i]);
            put(f[fbase + F_STATE] == FILE_DEAD ? 1 : 0, 1);
            put(f[fbase + F_SIZE], sb);
            if (content) {
                put(f[fbase + F_DATA], pages);
            }
        }
        put(f[NMAPS], mb);
        for (int m = 0; m < f[NMAPS]; m++) {
            int mbase = L.map(m);
            put(fileEnc[f[mbase + M_FILE]], fb);
            put(f[mbase + M_PAGES], pb);
            put(f[mbase + M_PGOFF], pb);
            put(f[mbase + M_PROT], 3);
            put(f[mbase + M_MAY], 3);
            put(f[mbase + M_SHARED], 1);
        }
        for (int j = 0; j < L.shrinkers; j++) {
            int sbase = L.shrinker(j);
            put(f[sbase + S_PHASE], 2);
            int ref = f[sbase + S_FILE];
            put(ref == 0 ? 0 : fileEnc[ref], fb);
            put(f[sbase + S_START], pb);
            put(f[sbase + S_END], pb);
        }
        // reset scratch
        for (int i = 0; i < n; i++) {
            int r = f[L.lru0 + i];
            if (r >= 0 && r < lruPos.length) {
                lruPos[r] = 0;
            }
        }
        for (int i = 0; i < fileEnc.length; i++) {
            fileEnc[i] = 0;
        }
        return faithful && lruWritten == n;
    }

    /** One area's block (under symmetry also its sort key). */
    private void putArea(int[] f, int a) {
        int ab = L.area(a);
        if (varOpen) {
            put(f[ab + A_OPEN], 1);
            if (f[ab + A_OPEN] == 0) {
                return;
            }
        } else if (f[ab + A_OPEN] != 1) {
            faithful = false;
            return;
        }
        if (varSize) {
            put(f[ab + A_SIZE], sb);
        } else if (f[ab + A_SIZE] != constSize) {
            faithful = false;
        }
        if (varMask) {
            put(f[ab + A_MASK], 3);
        } else if (f[ab + A_MASK] != dev.ashmem.model.Prot.ALL) {
            faithful = false;
        }
        int file = f[ab + A_FILE];
        if (varFile) {
            put(file != 0 ? 1 : 0, 1);
        } else if ((file != 0) != constFile) {
            faithful = false;
        }
        if (file != 0 && f[L.file(file) + F_SIZE] != f[ab + A_SIZE]) {
            faithful = false; // INV-FILE-FIXED is broken; the packing keeps one size
        }
        if (content) {
            if (file != 0) {
                put(f[L.file(file) + F_DATA], pages);
            }
            put(f[ab + A_GUARD], pages);
        }
        int nr = f[ab + A_NR];
        if (file == 0) {
            if (nr != 0) {
                faithful = false; // INV-BOUNDS: ranges need a file
            }
            return;
        }
        int N = k.sizeFilePages[f[ab + A_SIZE]];
        // the empty ranges [N..N-1] at the head of the list
        int e = 0;
        while (e < nr) {
            int rb = L.range(f[ab + A_LIST + e]);
            if (f[rb + R_START] != N || f[rb + R_END] != N - 1) {
                break;
            }
            e++;
        }
        if (e > k.scope.maxEmpty()) {
            faithful = false; // beyond the scope's bound: pruned, never stored
            return;
        }
        put(e, eb);
        // the empty ranges: purged flag, and the LRU position of those on the LRU (INV-LRU-IFF)
        for (int i = 0; i < e; i++) {
            int r = f[ab + A_LIST + i];
            int p = lruPos[r];
            int purged = f[L.range(r) + R_PURGED];
            if ((p == 0) != (purged != 0) || f[L.range(r) + R_AREA] != a) {
                faithful = false; // INV-LRU-IFF, INV-LRU-AREA (the owner is not stored: decode gives the list's)
            }
            posScratch[i] = p;
        }
        if (mergeIdentical) {
            // Comparisons only: a snapshot cannot tell stacked empty ranges apart, so their LRU positions
            // are listed ascending.
            for (int i = 0; i < e; i++) {
                for (int j = i + 1; j < e; j++) {
                    if (posScratch[i] != 0 && posScratch[j] != 0 && posScratch[j] < posScratch[i]) {
                        int t = posScratch[i];
                        posScratch[i] = posScratch[j];
                        posScratch[j] = t;
                    }
                }
            }
        }
        for (int i = 0; i < e; i++) {
            int p = posScratch[i];
            put(p == 0 ? 1 : 0, 1);
            if (p != 0) {
                put(p, lb);
                lruWritten++;
            }
        }
        // the page map of the non-empty ranges, which must be in bounds and strictly descending, and the
        // LRU positions of those on the LRU, in list order
        long map = 0;
        long lru = 0;
        int lruBits = 0;
        int below = N;
        for (int i = e; i < nr; i++) {
            int r = f[ab + A_LIST + i];
            int rb = L.range(r);
            int start = f[rb + R_START];
            int end = f[rb + R_END];
            int purged = f[rb + R_PURGED];
            int p = lruPos[r];
            if (start < 0 || start > end || end >= below || (p == 0) != (purged != 0) || f[rb + R_AREA] != a) {
                faithful = false; // INV-ORDER, INV-BOUNDS, INV-LRU-IFF or INV-LRU-AREA
                pendingCount = 0;
                return;
            }
            below = start;
            map |= (purged != 0 ? 2L : 1L) << (2 * start);
            map |= ((1L << (2 * end + 2)) - 1) & -(1L << (2 * start + 2)); // continuation pages: code 3
            if (p != 0) {
                lruWritten++;
                if (lruBits + lb > 64) {
                    flushLater(lru, lruBits);
                    lru = 0;
                    lruBits = 0;
                }
                lru |= (long) p << lruBits;
                lruBits += lb;
            }
        }
        putLong(map, 2 * pages);
        flushPending();
        if (lruBits > 0) {
            putLong(lru, lruBits);
        }
    }

    // LRU position words that did not fit one long (regions of many pages), written after the page map.
    private final long[] pendingWords = new long[8];
    private final int[] pendingBits = new int[8];
    private int pendingCount;

    private void flushLater(long bitsValue, int width) {
        pendingWords[pendingCount] = bitsValue;
        pendingBits[pendingCount++] = width;
    }

    private int newRange(int[] f, int area, int start, int end, int purged) {
        int r = f[POOL_NEXT]++;
        int rb = L.range(r);
        f[rb + R_START] = start;
        f[rb + R_END] = end;
        f[rb + R_PURGED] = purged;
        f[rb + R_AREA] = area;
        return r;
    }

    private void flushPending() {
        for (int i = 0; i < pendingCount; i++) {
            putLong(pendingWords[i], pendingBits[i]);
        }
        pendingCount = 0;
    }

    /**
     * Symmetry: each area packed on its own, then the areas sorted by their packed blocks (LRU positions
     * included: they are global, so swapping two areas swaps their blocks and nothing else); identical
     * blocks are broken by the first mapping and pending punch of their files.
     */
    private void sortAreas(int[] f) {
        for (int a = 0; a < L.areas; a++) {
            for (int w = 0; w < keyWords; w++) {
                keys[a][w] = 0L;
            }
            buf = keys[a];
            pos = 0;
            putArea(f, a);
            keyBits[a] = pos;
        }
        for (int i = 1; i < L.areas; i++) {
            int j = i;
            while (j > 0 && compareAreas(f, order[j - 1], order[j]) > 0) {
                int t = order[j - 1];
                order[j - 1] = order[j];
                order[j] = t;
                j--;
            }
        }
    }

    private void appendKey(int a) {
        int bitsLeft = keyBits[a];
        long[] key = keys[a];
        for (int w = 0; bitsLeft > 0; w++) {
            int n = Math.min(64, bitsLeft);
            putLong(n == 64 ? key[w] : key[w] & ((1L << n) - 1), n);
            bitsLeft -= n;
        }
    }

    private int compareAreas(int[] f, int x, int y) {
        int c = Integer.compare(keyBits[x], keyBits[y]);
        if (c != 0) {
            return c;
        }
        for (int w = 0; w < keyWords; w++) {
            c = Long.compareUnsigned(keys[x][w], keys[y][w]);
            if (c != 0) {
                return c;
            }
        }
        c = Integer.compare(firstMapping(f, x), firstMapping(f, y));
        if (c != 0) {
            return c;
        }
        return Integer.compare(firstPending(f, x), firstPending(f, y));
    }

    private int firstMapping(int[] f, int a) {
        int file = f[L.area(a) + A_FILE];
        for (int m = 0; file != 0 && m < f[NMAPS]; m++) {
            if (f[L.map(m) + M_FILE] == file) {
                return m;
            }
        }
        return Integer.MAX_VALUE;
    }

    private int firstPending(int[] f, int a) {
        int file = f[L.area(a) + A_FILE];
        for (int j = 0; file != 0 && j < L.shrinkers; j++) {
            if (f[L.shrinker(j) + S_FILE] == file) {
                return j;
            }
        }
        return Integer.MAX_VALUE;
    }

    // ---------------------------------------------------------------- decode

    public void decode(long[] in, int[] f) {
        java.util.Arrays.fill(f, 0);
        buf = in;
        pos = 0;
        f[INFLIGHT] = get(ib);
        int fileNext = 0;
        int lruLen = 0;
        for (int a = 0; a < L.areas; a++) {
            int ab = L.area(a);
            if (varOpen && get(1) == 0) {
                continue;
            }
            f[ab + A_OPEN] = 1;
            f[ab + A_SIZE] = varSize ? get(sb) : constSize;
            f[ab + A_MASK] = varMask ? get(3) : dev.ashmem.model.Prot.ALL;
            boolean hasFile = varFile ? get(1) != 0 : constFile;
            if (hasFile) {
                int fbase = L.file0 + fileNext * F_STRIDE;
                f[fbase + F_STATE] = FILE_LIVE;
                f[fbase + F_SIZE] = f[ab + A_SIZE];
                if (content) {
                    f[fbase + F_DATA] = get(pages);
                }
                f[ab + A_FILE] = ++fileNext;
                refToSlot[a + 1] = fileNext;
            }
            if (content) {
                f[ab + A_GUARD] = get(pages);
            }
            if (!hasFile) {
                continue;
            }
            int N = k.sizeFilePages[f[ab + A_SIZE]];
            int nr = 0;
            int e = get(eb);
            for (int i = 0; i < e; i++) {
                int purged = get(1);
                int r = newRange(f, a, N, N - 1, purged);
                f[ab + A_LIST + nr++] = r;
                if (purged == 0) {
                    int p = get(lb);
                    lruAt[p - 1] = r;
                    lruLen = Math.max(lruLen, p);
                }
            }
            long map = getLong(2 * pages);
            int count = 0;
            for (int p = 0; p < pages; p++) {
                int code = (int) (map >>> (2 * p)) & 3;
                if (code == 1 || code == 2) {
                    starts[count] = p;
                    ends[count] = p;
                    flags[count++] = code == 2 ? 1 : 0;
                } else if (code == 3) {
                    ends[count - 1] = p;
                }
            }
            for (int i = count - 1; i >= 0; i--) {
                int r = newRange(f, a, starts[i], ends[i], flags[i]);
                f[ab + A_LIST + nr++] = r;
            }
            f[ab + A_NR] = nr;
            for (int i = e; i < nr; i++) {
                int r = f[ab + A_LIST + i];
                if (f[L.range(r) + R_PURGED] == 0) {
                    int p = get(lb);
                    lruAt[p - 1] = r;
                    lruLen = Math.max(lruLen, p);
                }
            }
        }
        int count = 0;
        for (int i = 0; i < lruLen; i++) {
            int rb = L.range(lruAt[i]);
            count += f[rb + R_END] - f[rb + R_START] + 1;
        }
        f[LRU_COUNT] = count;
        f[LRU_LEN] = lruLen;
        System.arraycopy(lruAt, 0, f, L.lru0, lruLen);
        int orphanCount = get(ob);
        for (int i = 0; i < orphanCount; i++) {
            int fbase = L.file0 + fileNext * F_STRIDE;
            f[fbase + F_STATE] = get(1) != 0 ? FILE_DEAD : FILE_LIVE;
            f[fbase + F_SIZE] = get(sb);
            if (content) {
                f[fbase + F_DATA] = get(pages);
            }
            refToSlot[L.areas + 1 + i] = ++fileNext;
        }
        int nmaps = get(mb);
        f[NMAPS] = nmaps;
        for (int m = 0; m < nmaps; m++) {
            int mbase = L.map(m);
            f[mbase + M_FILE] = refToSlot[get(fb)];
            f[mbase + M_PAGES] = get(pb);
            f[mbase + M_PGOFF] = get(pb);
            f[mbase + M_PROT] = get(3);
            f[mbase + M_MAY] = get(3);
            f[mbase + M_SHARED] = get(1);
        }
        for (int j = 0; j < L.shrinkers; j++) {
            int sbase = L.shrinker(j);
            f[sbase + S_PHASE] = get(2);
            int ref = get(fb);
            f[sbase + S_FILE] = ref == 0 ? 0 : refToSlot[ref];
            f[sbase + S_START] = get(pb);
            f[sbase + S_END] = get(pb);
        }
    }
}
