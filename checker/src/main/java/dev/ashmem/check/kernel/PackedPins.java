package dev.ashmem.check.kernel;

import static dev.ashmem.check.kernel.Layout.*;

/**
 * PIN, UNPIN and GET_PIN_STATUS taken straight to the successor's packing, for the scopes whose packed
 * states are area blocks only ({@link Codec#areaBlocksOnly}: every area open with its file, no content,
 * mappings or shrinker threads). The frame path copies the whole frame, steps it and packs every area
 * again; here the parent is read once per state ({@link #prepare}), and a step works on its area's page
 * map with bit operations (Kernel.pin and Kernel.unpin's walks, merges and splits come down to the
 * ranges holding the request's first and last page), writes that area's block, reuses the others'
 * unless LRU positions moved, and sorts the blocks as Codec does. The result is exactly the packing of
 * Kernel.step's frame ({@code PackedPinsTest} compares the two on every transition of several scopes),
 * or the step is declined and the caller takes the frame path: an area holding empty ranges (their
 * overlaps are the odd ones), an empty request, more than 62 ranges on the LRU.
 */
public final class PackedPins {
    /** Kernel.step would return false: an errno, or PIN/UNPIN found nothing to change. */
    public static final int UNCHANGED = 0;
    /** The successor's packing was written. */
    public static final int PACKED = 1;
    /** Not handled here: take the frame path. */
    public static final int DECLINED = 2;

    private final Kernel k;
    private final Layout L;
    private final int areas;
    private final int mapBits;
    private final int lb;
    private final int eb;
    private final int blockWords;
    private final boolean sort;

    // The parent, per area in list order: start, end, purged, LRU position (0: not on the LRU).
    private int lruLen;
    private final int[] count;
    private final int[] empties;
    private final int[][] start;
    private final int[][] end;
    private final int[][] purged;
    private final int[][] pos;
    private final long[] map;
    private final long[][] block;
    private final int[] blockBits;
    private final int[] posOfRange;
    /** Per area: its highest LRU position (0: none); a block shifts only if a position below it left. */
    private final int[] maxPos;

    /** Per area, per page: the LRU position of the range starting there (0: none, or purged). */
    private final int[][] posAt;
    // The acting area's new page map and the one range start whose position is new (-1: none), the LRU
    // positions the step removed, the successor's blocks.
    private long newMap;
    private int newPage;
    private int newPos;
    /** Bit p: LRU position p left with the step's ranges. */
    private long removedBits;
    /** Positions live in one long's bits: a state with more ranges on the LRU goes the frame path. */
    private static final int MAX_LRU = 62;
    private final long[][] succBlock;
    private final int[] succBits;
    private final long[][] blockOf;
    private final int[] bitsOf;
    private final int[] order;
    /** Blocks of one long (packWords), and the length of the last one built. */
    private final long[] wordOf;
    private int wordBits;

    // Per action: PIN, UNPIN or STATUS (else null), and its pages. In these scopes an area's size and file
    // never change, so the argument checks give the same answer in every state.
    private final ActionKind[] kindOf;
    private final int[] firstPage;
    private final int[] lastPage;
    private final boolean[] fails;
    private final int[] areaOf;
    /** Per action: enabled (the same in every state: areas never close, nothing is in flight). */
    private final boolean[] enabled;

    /**
     * Null unless the kernel is the real one (a broken test kernel must run its own steps) and the packing
     * is area blocks only.
     */
    public static PackedPins forKernel(Kernel kernel, Codec codec, Action[] actions) {
        return kernel.getClass() == Kernel.class && codec.areaBlocksOnly() ? new PackedPins(kernel, codec, actions) : null;
    }

    /** Whether {@link #step} takes action {@code ai}. */
    public boolean takes(int ai) {
        return kindOf[ai] != null;
    }

    /**
     * Whether action {@code ai} is enabled and changes nothing in every state of the scope (a
     * GET_PIN_STATUS, or a request the argument checks refuse, on an area that stays open): a self-loop
     * the caller may count without taking it.
     */
    public boolean alwaysSelfLoop(int ai) {
        return kindOf[ai] != null && enabled[ai] && (kindOf[ai] == ActionKind.STATUS || fails[ai]);
    }

    private PackedPins(Kernel kernel, Codec codec, Action[] actions) {
        this.k = kernel;
        this.L = kernel.layout();
        this.areas = L.areas;
        this.mapBits = 2 * codec.pageBits();
        this.lb = codec.lruBits();
        this.eb = codec.emptyBits();
        this.blockWords = codec.areaWords();
        this.sort = codec.sortsAreas();
        int cap = L.listCap;
        count = new int[areas];
        empties = new int[areas];
        start = new int[areas][cap];
        end = new int[areas][cap];
        purged = new int[areas][cap];
        pos = new int[areas][cap];
        map = new long[areas];
        block = new long[areas][blockWords];
        blockBits = new int[areas];
        posOfRange = new int[L.poolCap];
        maxPos = new int[areas];
        posAt = new int[areas][codec.pageBits() + 1];
        succBlock = new long[areas][blockWords];
        succBits = new int[areas];
        blockOf = new long[areas][];
        bitsOf = new int[areas];
        order = new int[areas];
        wordOf = new long[areas];
        kindOf = new ActionKind[actions.length];
        firstPage = new int[actions.length];
        lastPage = new int[actions.length];
        fails = new boolean[actions.length];
        areaOf = new int[actions.length];
        enabled = new boolean[actions.length];
        int[] initial = new int[kernel.frameLength()];
        kernel.initial(initial);
        for (int i = 0; i < actions.length; i++) {
            var kind = actions[i].kind();
            if (kind == ActionKind.PIN || kind == ActionKind.UNPIN || kind == ActionKind.STATUS) {
                kindOf[i] = kind;
                areaOf[i] = actions[i].slot();
                enabled[i] = kernel.enabled(initial, actions[i]);
                long pages = kernel.pinPages(initial, actions[i]);
                fails[i] = pages == Kernel.NO_PAGES;
                firstPage[i] = (int) (pages >> 32);
                lastPage[i] = (int) pages;
            }
        }
    }

    /** Reads the parent: a frame {@link Codec#decode} made (areas in packing order, the pool in list order). */
    public void prepare(int[] f) {
        lruLen = f[LRU_LEN];
        for (int i = 0; i < lruLen; i++) {
            posOfRange[f[L.lru0 + i]] = i + 1;
        }
        for (int a = 0; a < areas; a++) {
            int ab = L.area(a);
            int nr = f[ab + A_NR];
            int pages = k.sizeFilePages[f[ab + A_SIZE]];
            int e = 0;
            for (int i = 0; i < nr; i++) {
                int r = f[ab + A_LIST + i];
                int rb = L.range(r);
                start[a][i] = f[rb + R_START];
                end[a][i] = f[rb + R_END];
                purged[a][i] = f[rb + R_PURGED];
                pos[a][i] = posOfRange[r];
                if (e == i && start[a][i] == pages && end[a][i] == pages - 1) {
                    e++;
                }
            }
            // Every start page is written below, and only start pages are read.
            maxPos[a] = 0;
            for (int i = 0; i < nr; i++) {
                maxPos[a] = Math.max(maxPos[a], pos[a][i]);
                if (i >= e) {
                    posAt[a][start[a][i]] = pos[a][i];
                }
            }
            count[a] = nr;
            empties[a] = e;
            map[a] = pageMap(start[a], end[a], purged[a], e, nr);
            java.util.Arrays.fill(block[a], 0L);
            blockBits[a] = writeBlock(block[a], start[a], end[a], purged[a], pos[a], e, nr, map[a], false);
        }
        for (int i = 0; i < lruLen; i++) {
            posOfRange[f[L.lru0 + i]] = 0;
        }
    }

    /**
     * Takes action {@code ai} (PIN, UNPIN or STATUS, {@link #takes}) from the prepared parent: UNCHANGED,
     * PACKED (into {@code out}) or DECLINED.
     */
    public int step(int ai, long[] out) {
        var kind = kindOf[ai];
        if (kind == ActionKind.STATUS || fails[ai]) {
            return UNCHANGED; // GET_PIN_STATUS changes nothing; nor does a request its argument checks refuse
        }
        int area = areaOf[ai];
        int ps = firstPage[ai];
        int pe = lastPage[ai];
        if (empties[area] != 0 || pe < ps || lruLen > MAX_LRU) {
            return DECLINED;
        }
        // The successor stays within the bounds: its area holds no empty range, and at most one
        // non-empty range per page of the file.
        if (!(kind == ActionKind.PIN ? pin(area, ps, pe) : unpin(area, ps, pe))) {
            return UNCHANGED;
        }
        pack(area, out);
        return PACKED;
    }

    // Page maps hold 2 bits a page (Codec): 0 pinned, 1 starts a range, 2 starts a purged one, 3 continues one.
    private static final long LOW = 0x5555_5555_5555_5555L;

    /** The low bit of page p's two. */
    private static long lane(int p) {
        return 1L << (2 * p);
    }

    /** Both bits of pages [lo, hi]. */
    private static long span(int lo, int hi) {
        return ((1L << (2 * hi + 2)) - 1) & -(1L << (2 * lo));
    }

    /** The page of the highest low bit set in {@code lanes}. */
    private static int top(long lanes) {
        return (63 - Long.numberOfLeadingZeros(lanes)) >>> 1;
    }

    /**
     * Kernel.unpin (UNPIN-WALK, -SUBSUMED, -MERGE, -PURGED-SPREAD, -ADJACENT, -INSERT) on the page map: the
     * ranges a merge takes are exactly those meeting [ps, pe] (the union of overlapping ranges meets no
     * other), and the merged range runs from the start of the range holding ps to the end of the one
     * holding pe.
     */
    private boolean unpin(int area, int ps, int pe) {
        long m = map[area];
        long occupied = (m | m >>> 1) & LOW;
        long starts = (m ^ m >>> 1) & LOW;
        long continues = m & m >>> 1 & LOW;
        long request = span(ps, pe) & LOW;
        if ((occupied & request) == request && (starts & request & ~lane(ps)) == 0) {
            return false; // UNPIN-SUBSUMED: one range holds every page of the request
        }
        // UNPIN-MERGE: from the start of the range holding ps; the pages of the range holding pe beyond
        // pe keep their continuation codes, so the merged range runs on to its end by itself.
        int lo = (continues & lane(ps)) != 0 ? top(starts & (lane(ps) - 1)) : ps;
        long merged = span(lo, pe);
        boolean wasPurged = (m >>> 1 & ~m & LOW & merged) != 0; // UNPIN-PURGED-SPREAD
        removedBits = 0;
        for (long x = starts & merged; x != 0; x &= x - 1) {
            int p = posAt[area][Long.numberOfTrailingZeros(x) >>> 1];
            if (p != 0) {
                remove(p);
            }
        }
        newMap = (m & ~merged) | (merged & ~(3L << (2 * lo))) | ((wasPurged ? 2L : 1L) << (2 * lo)); // UNPIN-INSERT
        newPage = lo;
        newPos = wasPurged ? 0 : lruLen - Long.bitCount(removedBits) + 1; // lru_add: the tail
        return true;
    }

    /** Kernel.pin (PIN-WALK, PIN-CASE-1..4, PIN-SPLIT-TAIL) on the page map. */
    private boolean pin(int area, int ps, int pe) {
        long m = map[area];
        long occupied = (m | m >>> 1) & LOW;
        long starts = (m ^ m >>> 1) & LOW;
        long continues = m & m >>> 1 & LOW;
        long request = span(ps, pe);
        if ((occupied & request) == 0) {
            return false; // no range meets the request
        }
        newPage = -1;
        int kept = -1;
        if ((continues & lane(pe + 1)) != 0) {
            // The range holding pe runs past it: its upper piece starts at pe + 1.
            int s = top(starts & (lane(pe + 1) - 1));
            boolean wasPurged = (m >>> (2 * s) & 3) == 2;
            newPage = pe + 1;
            if (s < ps) {
                newPos = wasPurged ? 0 : lruLen + 1; // PIN-CASE-4: a new range at the LRU tail (PIN-SPLIT-TAIL)
            } else {
                kept = s; // PIN-CASE-2: the range keeps its place on the LRU
            }
            m = (m & ~(3L << (2 * pe + 2))) | ((wasPurged ? 2L : 1L) << (2 * pe + 2));
        }
        removedBits = 0;
        for (long x = starts & request; x != 0; x &= x - 1) {
            int page = Long.numberOfTrailingZeros(x) >>> 1;
            int p = posAt[area][page];
            if (p != 0 && page != kept) {
                remove(p); // PIN-CASE-1: deleted
            }
        }
        if (kept >= 0) {
            newPos = shifted(posAt[area][kept]);
        }
        newMap = m & ~request; // PIN-CASE-3 and the lower piece of case 4 end at ps - 1
        return true;
    }

    /** An LRU position after the removals (lru_del closes the gaps); 0 stays 0. */
    private int shifted(int p) {
        return p == 0 ? 0 : p - Long.bitCount(removedBits & ((1L << p) - 1));
    }

    /** An LRU position that leaves with the step's ranges. */
    private void remove(int p) {
        removedBits |= 1L << p;
    }

    /** The successor's packing: the acting area's new block, the others' (shifted if LRU entries left), sorted under symmetry. */
    private void pack(int area, long[] out) {
        if (blockWords == 1) {
            packWords(area, out);
            return;
        }
        if (areas == 1) {
            java.util.Arrays.fill(out, 0L);
            writeActing(out, area); // the packing is this one block
            return;
        }
        int firstRemoved = removedBits == 0 ? Integer.MAX_VALUE : Long.numberOfTrailingZeros(removedBits);
        for (int a = 0; a < areas; a++) {
            if (a == area || maxPos[a] > firstRemoved) { // else no position of its moved
                long[] b = succBlock[a];
                java.util.Arrays.fill(b, 0L);
                if (a == area) {
                    succBits[a] = writeActing(b, area);
                } else {
                    succBits[a] = writeBlock(b, start[a], end[a], purged[a], pos[a], empties[a], count[a], map[a], true);
                }
                blockOf[a] = b;
                bitsOf[a] = succBits[a];
            } else {
                blockOf[a] = block[a];
                bitsOf[a] = blockBits[a];
            }
            order[a] = a;
        }
        if (sort) {
            sortOrder(false);
        }
        java.util.Arrays.fill(out, 0L);
        int at = 0;
        for (int c = 0; c < areas; c++) {
            long[] b = blockOf[order[c]];
            int left = bitsOf[order[c]];
            for (int w = 0; left > 0; w++) {
                int width = Math.min(64, left);
                at = Codec.write(out, at, width == 64 ? b[w] : b[w] & ((1L << width) - 1), width);
                left -= width;
            }
        }
    }

    /**
     * {@link #pack} where every block fits one long (the named scopes): blocks built and joined in
     * locals, where writing them bit field by bit field into arrays makes each write wait for the last.
     */
    private void packWords(int area, long[] out) {
        if (areas == 1) {
            out[0] = actingWord(area); // the packing is this one block
            for (int i = 1; i < out.length; i++) {
                out[i] = 0;
            }
            return;
        }
        int firstRemoved = removedBits == 0 ? Integer.MAX_VALUE : Long.numberOfTrailingZeros(removedBits);
        long[] val = wordOf;
        for (int a = 0; a < areas; a++) {
            if (a == area) {
                val[a] = actingWord(area);
                bitsOf[a] = wordBits;
            } else if (maxPos[a] > firstRemoved) { // else no position of its moved
                val[a] = shiftedWord(a);
                bitsOf[a] = wordBits;
            } else {
                val[a] = block[a][0];
                bitsOf[a] = blockBits[a];
            }
            order[a] = a;
        }
        if (sort) {
            sortOrder(true);
        }
        long cur = 0;
        int at = 0;
        int wi = 0;
        for (int c = 0; c < areas; c++) {
            long v = val[order[c]];
            int n = bitsOf[order[c]];
            cur |= v << at; // at < 64
            if (at + n >= 64) {
                out[wi++] = cur;
                cur = at == 0 ? 0 : v >>> (64 - at);
                at += n - 64;
            } else {
                at += n;
            }
        }
        while (wi < out.length) {
            out[wi++] = cur;
            cur = 0;
        }
    }

    /** Sorts {@link #order} as Codec sorts area blocks (a few areas: insertion sort), the blocks in {@link #wordOf} or {@link #blockOf}. */
    private void sortOrder(boolean words) {
        for (int i = 1; i < areas; i++) {
            for (int j = i; j > 0 && (words ? compareWords(order[j - 1], order[j]) : compare(order[j - 1], order[j])) > 0; j--) {
                int t = order[j - 1];
                order[j - 1] = order[j];
                order[j] = t;
            }
        }
    }

    private int compareWords(int x, int y) {
        int c = Integer.compare(bitsOf[x], bitsOf[y]);
        return c != 0 ? c : Long.compareUnsigned(wordOf[x], wordOf[y]);
    }

    /** {@link #writeActing} in one long; its length goes to {@link #wordBits}. */
    private long actingWord(int area) {
        long v = newMap << eb; // no empty range
        int at = eb + mapBits;
        long unpurged = newMap & ~(newMap >>> 1) & LOW;
        while (unpurged != 0) {
            int bit = 63 - Long.numberOfLeadingZeros(unpurged);
            int page = bit >>> 1;
            int q = page == newPage ? newPos : shifted(posAt[area][page]);
            v |= (long) q << at;
            at += lb;
            unpurged &= ~(1L << bit);
        }
        wordBits = at;
        return v;
    }

    /** {@link #writeBlock} of another area, its positions shifted, in one long; its length goes to {@link #wordBits}. */
    private long shiftedWord(int a) {
        int empty = empties[a];
        int[] p = pos[a];
        long v = empty;
        int at = eb;
        for (int i = 0; i < empty; i++) {
            int q = shifted(p[i]);
            if (q == 0) {
                v |= 1L << at;
                at++;
            } else {
                at++;
                v |= (long) q << at;
                at += lb;
            }
        }
        v |= map[a] << at;
        at += mapBits;
        for (int i = empty; i < count[a]; i++) {
            int q = shifted(p[i]);
            if (q != 0) {
                v |= (long) q << at;
                at += lb;
            }
        }
        wordBits = at;
        return v;
    }

    /** Codec's order of area blocks: by length, then word by word unsigned (identical blocks pack alike either way). */
    private int compare(int x, int y) {
        int c = Integer.compare(bitsOf[x], bitsOf[y]);
        for (int w = 0; c == 0 && w < blockWords; w++) {
            c = Long.compareUnsigned(blockOf[x][w], blockOf[y][w]);
        }
        return c;
    }

    /** Codec's page map of the non-empty ranges [e, nr): 1 starts a range, 2 a purged one, 3 continues one. */
    private static long pageMap(int[] s, int[] e, int[] pu, int from, int nr) {
        long m = 0;
        for (int i = from; i < nr; i++) {
            m |= (pu[i] != 0 ? 2L : 1L) << (2 * s[i]);
            m |= ((1L << (2 * e[i] + 2)) - 1) & -(1L << (2 * s[i] + 2));
        }
        return m;
    }

    /** The acting area's block (it holds no empty range): the new page map, then its ranges' LRU positions from the top page down. */
    private int writeActing(long[] b, int area) {
        int at = Codec.write(b, 0, 0, eb);
        at = Codec.write(b, at, newMap, mapBits);
        long unpurged = newMap & ~(newMap >>> 1) & LOW;
        while (unpurged != 0) {
            int bit = 63 - Long.numberOfLeadingZeros(unpurged);
            int page = bit >>> 1;
            int q = page == newPage ? newPos : shifted(posAt[area][page]);
            at = Codec.write(b, at, q, lb);
            unpurged &= ~(1L << bit);
        }
        return at;
    }

    /**
     * Codec.putArea's block for an area of this kind: the count of empty ranges, each with its
     * not-on-the-LRU bit and position, the page map, then the LRU positions of the other ranges in list order.
     */
    private int writeBlock(long[] b, int[] s, int[] e, int[] pu, int[] p, int empty, int nr, long pageMap, boolean shift) {
        int at = Codec.write(b, 0, empty, eb);
        for (int i = 0; i < empty; i++) {
            int q = shift ? shifted(p[i]) : p[i];
            at = Codec.write(b, at, q == 0 ? 1 : 0, 1);
            if (q != 0) {
                at = Codec.write(b, at, q, lb);
            }
        }
        at = Codec.write(b, at, pageMap, mapBits);
        for (int i = empty; i < nr; i++) {
            int q = shift ? shifted(p[i]) : p[i];
            if (q != 0) {
                at = Codec.write(b, at, q, lb);
            }
        }
        return at;
    }
}
