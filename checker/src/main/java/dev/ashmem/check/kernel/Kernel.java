package dev.ashmem.check.kernel;

import static dev.ashmem.check.kernel.Layout.*;

import dev.ashmem.check.scope.Initial;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.model.Abi;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Prot;

/**
 * The transition kernel: the model's rules re-written over the flat frame of {@link Layout}, for speed.
 * Every method mirrors the model class named in its comment, check for check and in the same order;
 * the validator ({@code check.validate.Validator}) proves the two agree on every transition of a scope. Page numbers fit in ints
 * (a region with a file has at most {@link Scope#MAX_PAGES} pages), so C's unsigned comparisons of
 * page numbers coincide with signed ones here; argument arithmetic stays in 64-bit longs as in C.
 *
 * <p>Methods are overridable only so that tests can build deliberately broken variants.
 */
public class Kernel {
    public static final int RES_VALUE = 0;
    public static final int RES_ERRNO = 1;
    public static final int RES_FAULT = 2;
    /** A new handle: the device chooses its number (HANDLE-NUM). */
    public static final int RES_FD = 3;
    /** A new mapping: the device chooses its id (MMAP-ID). */
    public static final int RES_MAP = 4;
    /** A shrinker step without a value. */
    public static final int RES_NONE = 5;
    /** The shrinker marked a range: resVal = pgstart, resAux = pgend. */
    public static final int RES_PUNCH = 6;
    public static final int SIGSEGV = 0;
    public static final int SIGBUS = 1;


    protected final Scope scope;
    protected final Layout L;
    final int P;
    final int shift;
    final long[] sizeValue;
    /** DIV_ROUND_UP(size, P): the pages that exist in a file of each size (0 for sizes with no file). */
    final int[] sizeFilePages;
    final boolean content;
    final boolean wait;
    private final int length;

    /** Result of the last step. */
    int resKind;
    long resVal;
    long resAux;
    /** The last step's successor lies outside the scope's bounds. */
    boolean pruned;

    public Kernel(Scope scope) {
        this.scope = scope;
        this.L = new Layout(scope);
        this.P = scope.pageSize();
        this.shift = Integer.numberOfTrailingZeros(P);
        this.sizeValue = scope.sizeTable();
        this.sizeFilePages = new int[sizeValue.length];
        for (int i = 0; i < sizeValue.length; i++) {
            long s = sizeValue[i];
            sizeFilePages[i] = Scope.fileCapable(s) ? (int) Scope.alignedPages(s, P) : 0;
        }
        this.content = scope.content();
        this.wait = scope.inflightWait();
        this.length = L.length;
    }

    public Layout layout() {
        return L;
    }

    public Scope scope() {
        return scope;
    }

    public int frameLength() {
        return length;
    }

    /**
     * A kernel of the same class on the same scope, for another exploring thread (a kernel keeps its
     * last result in fields, so each thread needs its own). Subclasses (the tests' broken kernels) are
     * copied by their (Scope) constructor, so the copy carries the same mutation.
     */
    public Kernel copy() {
        if (getClass() == Kernel.class) {
            return new Kernel(scope);
        }
        try {
            var c = getClass().getDeclaredConstructor(Scope.class);
            c.setAccessible(true);
            return c.newInstance(scope);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(getClass().getName() + " needs a (Scope) constructor to explore with several workers", e);
        }
    }

    /** The last step's successor lies outside the scope's bounds (and was not built). */
    public boolean pruned() {
        return pruned;
    }

    // ---------------------------------------------------------------- initial state

    /** The state the setup prefix of {@link Initial} leaves (trace.ModelCursor replays the same prefix on the model). */
    public void initial(int[] f) {
        java.util.Arrays.fill(f, 0);
        int sizeIdx = scope.initial() == Initial.FRESH ? 0 : Alphabet.indexOf(sizeValue, (long) scope.pages() * P);
        for (int a = 0; a < L.areas; a++) {
            int ab = L.area(a);
            f[ab + A_OPEN] = 1;
            f[ab + A_SIZE] = sizeIdx;
            f[ab + A_MASK] = Prot.ALL;
            if (scope.initial() == Initial.FILE || scope.initial() == Initial.MAPPED) {
                int ref = allocFile(f, sizeIdx);
                f[ab + A_FILE] = ref;
                if (scope.initial() == Initial.MAPPED) {
                    int mb = L.map(f[NMAPS]++);
                    f[mb + M_FILE] = ref;
                    f[mb + M_PAGES] = scope.pages();
                    f[mb + M_PGOFF] = 0;
                    f[mb + M_PROT] = Prot.READ | Prot.WRITE;
                    f[mb + M_MAY] = Prot.ALL;
                    f[mb + M_SHARED] = 1;
                }
            }
        }
    }

    // ---------------------------------------------------------------- enabledness

    /** Whether {@code a} can be taken in frame {@code f}. */
    public boolean enabled(int[] f, Action a) {
        return switch (a.kind()) {
            // PINARG-WAIT: with the wait on, a PIN/UNPIN/GET_PIN_STATUS cannot act while a punch is in flight.
            case PIN, UNPIN, STATUS -> f[L.area(a.slot()) + A_OPEN] != 0 && !(wait && f[INFLIGHT] > 0);
            case SCAN -> true;
            case PURGE, MMAP, CLOSE, PROT, SIZE -> f[L.area(a.slot()) + A_OPEN] != 0;
            case OPEN -> f[L.area(a.slot()) + A_OPEN] == 0;
            case MUNMAP, MPROTECT, WRITE -> a.slot() < f[NMAPS];
            case MARK -> f[L.shrinker(a.slot()) + S_PHASE] == PHASE_IDLE && f[LRU_LEN] > 0;
            case PUNCH -> f[L.shrinker(a.slot()) + S_PHASE] == PHASE_MARKED;
            case RELEASE -> f[L.shrinker(a.slot()) + S_PHASE] == PHASE_PUNCHED;
        };
    }

    // ---------------------------------------------------------------- one step

    /**
     * Takes {@code a} from {@code base}. Returns false when the state is certainly unchanged (only the
     * result is set; {@code work} is then garbage); otherwise {@code work} holds the successor.
     */
    public boolean step(int[] base, int[] work, Action a) {
        pruned = false;
        resKind = RES_VALUE;
        resVal = 0;
        resAux = 0;
        var kind = a.kind();
        if (kind.isPinFamily()) {
            return pinFamily(base, work, a);
        }
        copyLive(base, work);
        int[] f = work;
        switch (kind) {
            case SCAN -> scan(f, a.x(), a.flag());
            case PURGE -> purgeAll(f, a.flag());
            case MMAP -> mmap(f, a.slot(), a.x(), a.p(), a.flag(), a.y());
            case MUNMAP -> munmap(f, a.slot());
            case MPROTECT -> mprotect(f, a.slot(), a.p());
            case WRITE -> store(f, a.slot(), a.p());
            case CLOSE -> close(f, a.slot());
            case OPEN -> open(f, a.slot());
            case PROT -> setProtMask(f, a.slot(), a.p(), a.flag());
            case SIZE -> setSize(f, a.slot(), a.p());
            case MARK -> markStep(f, a.slot());
            case PUNCH -> punchStep(f, a.slot());
            case RELEASE -> releaseStep(f, a.slot());
            default -> throw new IllegalStateException(kind.toString());
        }
        return resKind != RES_ERRNO;
    }

    /** Copies the parts of a frame in use: the pool only up to its last allocated range. */
    private void copyLive(int[] base, int[] work) {
        int poolEnd = L.range(base[POOL_NEXT]);
        System.arraycopy(base, 0, work, 0, poolEnd);
        System.arraycopy(base, L.file0, work, L.file0, length - L.file0);
    }

    private boolean err(Errno e) {
        resKind = RES_ERRNO;
        resVal = e.number();
        return false;
    }

    // ---------------------------------------------------------------- PinRules

    /**
     * PinRules.run: PINARG-EFAULT, PINARG-WAIT (see {@link #enabled}), PINARG-NOFILE, PINARG-LEN0,
     * PINARG-ALIGN, PINARG-OVERFLOW, PINARG-BOUNDS, PINARG-PAGES, PINARG-EMPTY; the argument checks and
     * the no-change outcomes are decided on {@code base} before anything is copied.
     */
    private boolean pinFamily(int[] base, int[] work, Action a) {
        long pages = pinPages(base, a);
        if (pages == NO_PAGES) {
            return false;
        }
        int area = a.slot();
        int ab = L.area(area);
        int ps = (int) (pages >> 32);
        int pe = (int) pages;
        switch (a.kind()) {
            case STATUS -> {
                resVal = status(base, ab, ps, pe);
                return false;
            }
            case PIN -> {
                if (!pinTouches(base, ab, ps, pe)) {
                    resVal = Abi.NOT_PURGED;
                    return false;
                }
                copyLive(base, work);
                resVal = pin(work, area, ps, pe);
                return true;
            }
            default -> {
                if (unpinSubsumed(base, ab, ps, pe)) {
                    resVal = 0; // UNPIN-SUBSUMED
                    return false;
                }
                copyLive(base, work);
                unpin(work, area, ps, pe);
                resVal = 0; // UNPIN-RET
                return true;
            }
        }
    }

    /** {@link #pinPages}: an argument check failed and its errno is the result. */
    static final long NO_PAGES = -1L;

    /**
     * The argument checks of PinRules.run on {@code f}: the request's pages as {@code ps << 32 | pe}
     * (pe = ps - 1 for an empty request), or {@link #NO_PAGES} with the errno set as the result.
     */
    long pinPages(int[] f, Action a) {
        if (a.flag()) {
            err(Errno.EFAULT); // PINARG-EFAULT
            return NO_PAGES;
        }
        int ab = L.area(a.slot());
        if (f[ab + A_FILE] == 0) {
            err(Errno.EINVAL); // PINARG-NOFILE
            return NO_PAGES;
        }
        long offset = a.x();
        long len = a.y();
        long aligned = pageAlign(sizeValue[f[ab + A_SIZE]]);
        if (len == 0) {
            len = (aligned - offset) & Abi.U32_MAX; // PINARG-LEN0
        }
        if (((offset | len) & (P - 1)) != 0) {
            err(Errno.EINVAL); // PINARG-ALIGN
            return NO_PAGES;
        }
        if (Abi.U32_MAX - offset < len) {
            err(Errno.EINVAL); // PINARG-OVERFLOW
            return NO_PAGES;
        }
        if (Long.compareUnsigned(aligned, offset + len) < 0) {
            err(Errno.EINVAL); // PINARG-BOUNDS
            return NO_PAGES;
        }
        int ps = (int) (offset >>> shift); // PINARG-PAGES
        int pe = (int) (ps + (len >>> shift) - 1); // PINARG-EMPTY: [ps, ps-1] for len 0
        return (long) ps << 32 | (pe & 0xFFFF_FFFFL);
    }

    /** page_range_in_range(): [s, e] shares a page with [ps, pe] or lies inside it (which counts an empty range). */
    static boolean overlaps(int s, int e, int ps, int pe) {
        return (s <= ps && e >= ps) || (s <= pe && e >= pe) || (s >= ps && e <= pe);
    }

    /** The read-only first pass of the UNPIN walk: true if it ends at UNPIN-SUBSUMED before changing anything. */
    private boolean unpinSubsumed(int[] f, int ab, int ps, int pe) {
        int n = f[ab + A_NR];
        for (int i = 0; i < n; i++) {
            int rb = L.range(f[ab + A_LIST + i]);
            int s = f[rb + R_START];
            int e = f[rb + R_END];
            if (e < ps) {
                return false;
            }
            if (s <= ps && e >= pe) {
                return true;
            }
            if (overlaps(s, e, ps, pe)) {
                return false;
            }
        }
        return false;
    }

    /** PinRules.unpin: UNPIN-WALK, UNPIN-SUBSUMED, UNPIN-MERGE, UNPIN-PURGED-SPREAD, UNPIN-ADJACENT, UNPIN-INSERT. */
    protected void unpin(int[] f, int area, int ps, int pe) {
        int ab = L.area(area);
        boolean purged = false;
        restart:
        while (true) {
            int n = f[ab + A_NR];
            int insertAt = n;
            for (int i = 0; i < n; i++) {
                int r = f[ab + A_LIST + i];
                int rb = L.range(r);
                int s = f[rb + R_START];
                int e = f[rb + R_END];
                if (e < ps) {
                    insertAt = i; // UNPIN-WALK
                    break;
                }
                if (s <= ps && e >= pe) {
                    return; // UNPIN-SUBSUMED (after a merge this cannot happen: the request grew past r)
                }
                if (overlaps(s, e, ps, pe)) { // UNPIN-ADJACENT: touching is not overlapping
                    ps = Math.min(s, ps); // UNPIN-MERGE
                    pe = Math.max(e, pe);
                    purged |= f[rb + R_PURGED] != 0; // UNPIN-PURGED-SPREAD
                    deleteAt(f, ab, i, r);
                    continue restart;
                }
            }
            int r = allocRange(f, area, ps, pe, purged);
            listInsert(f, ab, insertAt, r); // UNPIN-INSERT
            if (!purged) {
                lruAdd(f, r);
            }
            if (content) {
                f[ab + A_GUARD] &= ~unpinnedPages(f, ab); // these pages are no longer pinned
            }
            return;
        }
    }

    /** The read-only first pass of the PIN walk: does the request meet any range? */
    private boolean pinTouches(int[] f, int ab, int ps, int pe) {
        int n = f[ab + A_NR];
        for (int i = 0; i < n; i++) {
            int rb = L.range(f[ab + A_LIST + i]);
            int s = f[rb + R_START];
            int e = f[rb + R_END];
            if (e < ps) {
                return false;
            }
            if (overlaps(s, e, ps, pe)) {
                return true;
            }
        }
        return false;
    }

    /** PinRules.pin: PIN-WALK, PIN-CASE-1..4, PIN-SPLIT-TAIL, PIN-RET. */
    protected long pin(int[] f, int area, int ps, int pe) {
        int ab = L.area(area);
        long ret = Abi.NOT_PURGED;
        int i = 0;
        while (i < f[ab + A_NR]) {
            int r = f[ab + A_LIST + i];
            int rb = L.range(r);
            int s = f[rb + R_START];
            int e = f[rb + R_END];
            if (e < ps) {
                break; // PIN-WALK
            }
            if (!overlaps(s, e, ps, pe)) {
                i++;
                continue;
            }
            boolean purged = f[rb + R_PURGED] != 0;
            if (purged) {
                ret = Abi.WAS_PURGED; // PIN-RET
            }
            if (s >= ps && e <= pe) {
                deleteAt(f, ab, i, r); // PIN-CASE-1
                continue;
            }
            if (s >= ps) {
                shrinkRange(f, r, pe + 1, e); // PIN-CASE-2
                i++;
                continue;
            }
            if (e <= pe) {
                shrinkRange(f, r, s, ps - 1); // PIN-CASE-3
                i++;
                continue;
            }
            // PIN-CASE-4: the upper piece is new and joins the LRU tail (PIN-SPLIT-TAIL).
            int up = allocRange(f, area, pe + 1, e, purged);
            listInsert(f, ab, i, up);
            if (!purged) {
                lruAdd(f, up);
            }
            shrinkRange(f, r, s, ps - 1);
            break;
        }
        return ret;
    }

    /** PinRules.status: STATUS-WALK, STATUS-RET, STATUS-EMPTY. */
    private long status(int[] f, int ab, int ps, int pe) {
        int n = f[ab + A_NR];
        for (int i = 0; i < n; i++) {
            int rb = L.range(f[ab + A_LIST + i]);
            int s = f[rb + R_START];
            int e = f[rb + R_END];
            if (e < ps) {
                break; // STATUS-WALK
            }
            if (overlaps(s, e, ps, pe)) {
                return Abi.IS_UNPINNED; // STATUS-RET, STATUS-EMPTY
            }
        }
        return Abi.IS_PINNED;
    }

    // ---------------------------------------------------------------- ranges and the LRU

    int allocRange(int[] f, int area, int s, int e, boolean purged) {
        int r = f[POOL_NEXT]++;
        int rb = L.range(r);
        f[rb + R_START] = s;
        f[rb + R_END] = e;
        f[rb + R_PURGED] = purged ? 1 : 0;
        f[rb + R_AREA] = area;
        return r;
    }

    void listInsert(int[] f, int ab, int at, int r) {
        int n = f[ab + A_NR];
        if (n >= L.listCap) {
            throw new IllegalStateException("range list overflow: the scope's bounds are too small for this kernel");
        }
        int base = ab + A_LIST;
        for (int i = base + n; i > base + at; i--) {
            f[i] = f[i - 1];
        }
        f[base + at] = r;
        f[ab + A_NR] = n + 1;
    }

    /** range_del() (PinRules.delete): off the area's list and, if not purged, off the LRU. */
    protected void deleteRange(int[] f, int r) {
        int ab = L.area(f[L.range(r) + R_AREA]);
        int n = f[ab + A_NR];
        for (int i = 0; i < n; i++) {
            if (f[ab + A_LIST + i] == r) {
                deleteAt(f, ab, i, r);
                return;
            }
        }
        if (f[L.range(r) + R_PURGED] == 0) {
            lruRemove(f, r);
        }
    }

    /** range_del() of the range at index i of the area's list. */
    void deleteAt(int[] f, int ab, int i, int r) {
        int n = f[ab + A_NR];
        int base = ab + A_LIST;
        for (int j = base + i; j < base + n - 1; j++) {
            f[j] = f[j + 1];
        }
        f[ab + A_NR] = n - 1;
        if (f[L.range(r) + R_PURGED] == 0) {
            lruRemove(f, r);
        }
    }

    /** range_shrink() (PinRules.shrink): an LRU range keeps its place; lruCount drops by the pages cut. */
    protected void shrinkRange(int[] f, int r, int s, int e) {
        int rb = L.range(r);
        int before = f[rb + R_END] - f[rb + R_START] + 1;
        f[rb + R_START] = s;
        f[rb + R_END] = e;
        if (f[rb + R_PURGED] == 0) {
            f[LRU_COUNT] -= before - (e - s + 1);
        }
    }

    /** lru_add() (Lru.add): to the tail. */
    protected void lruAdd(int[] f, int r) {
        int rb = L.range(r);
        f[L.lru0 + f[LRU_LEN]++] = r;
        f[LRU_COUNT] += f[rb + R_END] - f[rb + R_START] + 1;
    }

    /** lru_del() (Lru.remove): the count drops even if the range was not found, as in the model. */
    protected void lruRemove(int[] f, int r) {
        int n = f[LRU_LEN];
        int lru0 = L.lru0;
        for (int i = lru0; i < lru0 + n; i++) {
            if (f[i] == r) {
                for (int j = i; j < lru0 + n - 1; j++) {
                    f[j] = f[j + 1];
                }
                f[LRU_LEN] = n - 1;
                break;
            }
        }
        int rb = L.range(r);
        f[LRU_COUNT] -= f[rb + R_END] - f[rb + R_START] + 1;
    }

    /** Bit mask of the pages [from, toExclusive) (page numbers below 31). */
    static int pageBits(int from, int toExclusive) {
        if (toExclusive <= from) {
            return 0;
        }
        return (int) (((1L << toExclusive) - 1) & ~((1L << from) - 1));
    }

    /** The pages of an area covered by an unpinned range. */
    int unpinnedPages(int[] f, int ab) {
        int bits = 0;
        int n = f[ab + A_NR];
        for (int i = 0; i < n; i++) {
            int rb = L.range(f[ab + A_LIST + i]);
            bits |= pageBits(f[rb + R_START], Math.min(f[rb + R_END] + 1, 31));
        }
        return bits;
    }

    // ---------------------------------------------------------------- Shrinker

    /**
     * DriverShrinker.scan run atomically (no other thread interleaves): SHRINK-NOFS, SHRINK-TRYLOCK (the lock is
     * free), SHRINK-ORDER, SHRINK-MARK, SHRINK-PUNCH, SHRINK-NR, SHRINK-RET, SHRINK-KEEP.
     */
    protected void scan(int[] f, long nr, boolean mayEnterFs) {
        if (!mayEnterFs) {
            resVal = -1L; // SHRINK-NOFS: SHRINK_STOP
            return;
        }
        long freed = 0;
        while (f[LRU_LEN] > 0) {
            int r = f[L.lru0]; // SHRINK-ORDER: the oldest
            int rb = L.range(r);
            int s = f[rb + R_START];
            int e = f[rb + R_END];
            int file = f[L.area(f[rb + R_AREA]) + A_FILE];
            f[INFLIGHT]++; // CONC-INFLIGHT
            lruRemove(f, r);
            f[rb + R_PURGED] = 1; // SHRINK-MARK (the range stays listed: SHRINK-KEEP)
            freed += e - s + 1; // SHRINK-RET
            punch(f, file, s, e); // SHRINK-PUNCH
            f[INFLIGHT]--;
            nr -= 1; // SHRINK-NR: per range, unsigned, so 0 wraps and purges everything
            if (nr == 0) {
                break;
            }
        }
        resVal = freed;
    }

    /** Shrinker.purgeAll: PURGE-EPERM, PURGE-RET, PURGE-SCAN. */
    protected void purgeAll(int[] f, boolean capSysAdmin) {
        if (!capSysAdmin) {
            err(Errno.EPERM); // PURGE-EPERM
            return;
        }
        long before = f[LRU_COUNT]; // PURGE-RET
        scan(f, Long.MAX_VALUE, true); // PURGE-SCAN
        resKind = RES_VALUE;
        resVal = before;
    }

    /** Shrinker.markHead, the locked step of a round (SHRINK-ORDER, SHRINK-MARK, CONC-INFLIGHT). */
    protected void markStep(int[] f, int j) {
        int sb = L.shrinker(j);
        int r = f[L.lru0];
        int rb = L.range(r);
        f[sb + S_PHASE] = PHASE_MARKED;
        f[sb + S_FILE] = f[L.area(f[rb + R_AREA]) + A_FILE]; // the driver's get_file()
        f[sb + S_START] = f[rb + R_START];
        f[sb + S_END] = f[rb + R_END];
        f[INFLIGHT]++;
        lruRemove(f, r);
        f[rb + R_PURGED] = 1;
        resKind = RES_PUNCH;
        resVal = f[sb + S_START];
        resAux = f[sb + S_END];
    }

    /** Shrinker.punch, the unlocked step (SHRINK-PUNCH, SHRINK-PUNCH-EXTENT, CONC-PUNCH-UNLOCKED). */
    protected void punchStep(int[] f, int j) {
        int sb = L.shrinker(j);
        punch(f, f[sb + S_FILE], f[sb + S_START], f[sb + S_END]);
        f[sb + S_PHASE] = PHASE_PUNCHED;
        f[sb + S_FILE] = 0;
        f[sb + S_START] = 0;
        f[sb + S_END] = 0;
        gcFiles(f);
        resKind = RES_NONE;
    }

    /** Shrinker.release: the in-flight count drops (CONC-INFLIGHT). */
    protected void releaseStep(int[] f, int j) {
        f[L.shrinker(j) + S_PHASE] = PHASE_IDLE;
        f[INFLIGHT]--;
        resKind = RES_NONE;
    }

    /**
     * The hole punch of the range [s, e] on a file (Shrinker.punch): [s*P, (e+1)*P) in bytes, clipped to
     * the pages that exist; the empty range punches nothing. Records the INV-PUNCH-PINNED ghost like
     * Shrinker.recordPinnedPunches: a data page of a live area's file that no unpinned range covers.
     */
    protected void punch(int[] f, int fileRef, int s, int e) {
        if (fileRef == 0 || e + 1 == s) {
            return;
        }
        int fb = L.file(fileRef);
        if (f[fb + F_STATE] != FILE_LIVE) {
            return; // only a pending punch still holds it: no page of it can be observed
        }
        int end = Math.min(e + 1, sizeFilePages[f[fb + F_SIZE]]);
        int bits = pageBits(s, end) & f[fb + F_DATA];
        if (bits == 0) {
            return;
        }
        int owner = ownerOf(f, fileRef);
        if (owner >= 0 && (bits & ~unpinnedPages(f, L.area(owner))) != 0) {
            f[GHOST] = 1; // INV-PUNCH-PINNED
        }
        f[fb + F_DATA] &= ~bits;
    }

    /** The live area whose file this is, or -1. */
    int ownerOf(int[] f, int fileRef) {
        for (int a = 0; a < L.areas; a++) {
            int ab = L.area(a);
            if (f[ab + A_OPEN] != 0 && f[ab + A_FILE] == fileRef) {
                return a;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- HandleRules

    /** HandleRules.close with one handle per area: CLOSE-RELEASE, CLOSE-MAPPINGS. */
    protected void close(int[] f, int area) {
        int ab = L.area(area);
        int n = f[ab + A_NR];
        for (int i = 0; i < n; i++) {
            int r = f[ab + A_LIST + i];
            if (f[L.range(r) + R_PURGED] == 0) {
                lruRemove(f, r); // CLOSE-RELEASE: every range leaves the LRU with its area
            }
        }
        clearArea(f, ab);
        gcFiles(f); // CLOSE-MAPPINGS: a mapped file outlives its area
        resVal = 0;
    }

    private static void clearArea(int[] f, int ab) {
        f[ab + A_OPEN] = 0;
        f[ab + A_SIZE] = 0;
        f[ab + A_MASK] = 0;
        f[ab + A_FILE] = 0;
        f[ab + A_NR] = 0;
        f[ab + A_GUARD] = 0;
    }

    /** HandleRules.open (OPEN-AREA): size 0, mask rwx, no file, all pinned; the handle number is the device's. */
    protected void open(int[] f, int area) {
        int ab = L.area(area);
        clearArea(f, ab);
        f[ab + A_OPEN] = 1;
        f[ab + A_MASK] = Prot.ALL;
        resKind = RES_FD;
    }

    // ---------------------------------------------------------------- AttributeRules

    /** AttributeRules.setSize: SIZE-FILE, SIZE-SET. */
    protected void setSize(int[] f, int area, int sizeIdx) {
        int ab = L.area(area);
        if (f[ab + A_FILE] != 0) {
            err(Errno.EINVAL); // SIZE-FILE
            return;
        }
        f[ab + A_SIZE] = sizeIdx; // SIZE-SET
    }

    /** AttributeRules.setProtMask: PROT-SUBSET, PROT-RIE, PROT-SET. */
    protected void setProtMask(int[] f, int area, int prot, boolean readImpliesExec) {
        int ab = L.area(area);
        if ((f[ab + A_MASK] & prot) != prot) {
            err(Errno.EINVAL); // PROT-SUBSET
            return;
        }
        if ((prot & Prot.READ) != 0 && readImpliesExec) {
            prot |= Prot.EXEC; // PROT-RIE
        }
        f[ab + A_MASK] = prot; // PROT-SET
    }

    // ---------------------------------------------------------------- MmapRules and MemoryAccess

    long pageAlign(long x) {
        return (x + P - 1) & -(long) P;
    }

    /** MmapRules.mmap, by an ordinary caller on x86-64: MMAP-ENTRY, MMAP-SYSCALL .. MMAP-ID. */
    protected void mmap(int[] f, int area, long length, int prot, boolean shared, long offset) {
        if ((offset & (P - 1)) != 0 || length == 0) {
            err(Errno.EINVAL); // MMAP-ENTRY, MMAP-SYSCALL
            return;
        }
        prot &= Prot.ALL; // no prot bit is checked; only rwx reach the mapping
        long mapLength = pageAlign(length);
        if (mapLength == 0) {
            err(Errno.ENOMEM);
            return;
        }
        long pgoff = offset >>> shift;
        if (Long.compareUnsigned(pgoff + (mapLength >>> shift), pgoff) < 0) {
            err(Errno.EOVERFLOW);
            return;
        }
        if (Long.compareUnsigned(Abi.TASK_SIZE, mapLength) < 0) {
            err(Errno.ENOMEM); // get_unmapped_area
            return;
        }
        if (Long.compareUnsigned((Abi.U64_MAX - mapLength) >>> shift, pgoff) < 0) {
            err(Errno.EOVERFLOW); // file_mmap_ok
            return;
        }
        int ab = L.area(area);
        long size = sizeValue[f[ab + A_SIZE]];
        if (size == 0) {
            err(Errno.EINVAL); // MMAP-NOSIZE
            return;
        }
        if (Long.compareUnsigned(pageAlign(size), mapLength) < 0) {
            err(Errno.EINVAL); // MMAP-SIZE
            return;
        }
        int mask = f[ab + A_MASK];
        if ((prot & ~mask) != 0) {
            err(Errno.EPERM); // MMAP-PROT
            return;
        }
        if (f[ab + A_FILE] == 0) {
            if (Long.compareUnsigned(Abi.MAX_LFS_FILESIZE, size) < 0) {
                err(Errno.EINVAL); // MMAP-FILE-EINVAL
                return;
            }
            f[ab + A_FILE] = allocFile(f, f[ab + A_SIZE]); // MMAP-FILE
        }
        int m = f[NMAPS];
        if (m >= L.maps) {
            pruned = true; // beyond the scope's mapping bound: not explored
            resKind = RES_MAP;
            return;
        }
        int mb = L.map(m); // MMAP-ID: creation order; the id itself is the device's
        f[NMAPS] = m + 1;
        f[mb + M_FILE] = f[ab + A_FILE];
        f[mb + M_PAGES] = (int) (mapLength >>> shift);
        f[mb + M_PGOFF] = (int) pgoff;
        f[mb + M_PROT] = prot;
        f[mb + M_MAY] = mask; // MMAP-MAY
        f[mb + M_SHARED] = shared ? 1 : 0; // MMAP-SHARED, MMAP-PRIVATE
        resKind = RES_MAP;
    }

    /** MmapRules.munmap (MUNMAP-REMOVE). */
    protected void munmap(int[] f, int m) {
        int n = f[NMAPS];
        System.arraycopy(f, L.map(m + 1), f, L.map(m), (n - m - 1) * M_STRIDE);
        java.util.Arrays.fill(f, L.map(n - 1), L.map(n), 0);
        f[NMAPS] = n - 1;
        gcFiles(f);
    }

    /** MmapRules.mprotect by an ordinary caller on x86-64 (MPROTECT-MAY). */
    protected void mprotect(int[] f, int m, int prot) {
        int grows = prot & (Prot.GROWSDOWN | Prot.GROWSUP);
        if (grows == (Prot.GROWSDOWN | Prot.GROWSUP) || (prot & ~grows & ~(Prot.ALL | Prot.SEM)) != 0) {
            err(Errno.EINVAL); // arch_validate_prot
            return;
        }
        if (grows != 0) {
            err(Errno.EINVAL); // no ashmem mapping grows
            return;
        }
        prot &= Prot.ALL;
        int mb = L.map(m);
        if ((prot & ~f[mb + M_MAY]) != 0) {
            err(Errno.EACCES);
            return;
        }
        f[mb + M_PROT] = prot;
    }

    /**
     * MemoryAccess.store of one byte at the start of page {@code page} of mapping {@code m}: MEM-BOUNDS,
     * MEM-RIGHTS, MEM-EOF, then MEM-SHARED (the file page becomes data) or MEM-PRIVATE (invisible).
     */
    protected void store(int[] f, int m, int page) {
        int mb = L.map(m);
        long lengthBytes = (long) f[mb + M_PAGES] * P;
        long offset = (long) page * P;
        if (offset > lengthBytes || lengthBytes - offset < 1) {
            resKind = RES_FAULT; // MEM-BOUNDS
            resVal = SIGSEGV;
            return;
        }
        if ((f[mb + M_PROT] & Prot.WRITE) == 0) {
            resKind = RES_FAULT; // MEM-RIGHTS
            resVal = SIGSEGV;
            return;
        }
        if (f[mb + M_SHARED] == 0) {
            return; // MEM-PRIVATE: anonymous memory, not part of the observable state
        }
        int fileRef = f[mb + M_FILE];
        int fb = L.file(fileRef);
        int filePage = f[mb + M_PGOFF] + page;
        if (filePage >= sizeFilePages[f[fb + F_SIZE]]) {
            resKind = RES_FAULT; // MEM-EOF
            resVal = SIGBUS;
            return;
        }
        if (content) {
            f[fb + F_DATA] |= 1 << filePage; // MEM-SHARED
            int owner = ownerOf(f, fileRef);
            if (owner >= 0) {
                int ab = L.area(owner);
                if ((unpinnedPages(f, ab) & (1 << filePage)) == 0) {
                    f[ab + A_GUARD] |= 1 << filePage; // ghost: written while pinned
                }
            }
        }
    }

    // ---------------------------------------------------------------- files

    int allocFile(int[] f, int sizeIdx) {
        for (int i = 0; i < L.files; i++) {
            int fb = L.file0 + i * F_STRIDE;
            if (f[fb + F_STATE] == FILE_FREE) {
                f[fb + F_STATE] = FILE_LIVE;
                f[fb + F_SIZE] = sizeIdx;
                f[fb + F_DATA] = 0;
                return i + 1;
            }
        }
        throw new IllegalStateException("no free file slot");
    }

    /** Files no area or mapping holds: freed, or dead while a pending punch still holds them. */
    void gcFiles(int[] f) {
        for (int i = 0; i < L.files; i++) {
            int fb = L.file0 + i * F_STRIDE;
            if (f[fb + F_STATE] == FILE_FREE) {
                continue;
            }
            int ref = i + 1;
            boolean held = false;
            for (int a = 0; a < L.areas && !held; a++) {
                held = f[L.area(a) + A_FILE] == ref;
            }
            for (int m = 0; m < f[NMAPS] && !held; m++) {
                held = f[L.map(m) + M_FILE] == ref;
            }
            if (held) {
                continue;
            }
            boolean pending = false;
            for (int j = 0; j < L.shrinkers && !pending; j++) {
                pending = f[L.shrinker(j) + S_FILE] == ref;
            }
            f[fb + F_STATE] = pending ? FILE_DEAD : FILE_FREE;
            f[fb + F_SIZE] = 0;
            f[fb + F_DATA] = 0;
        }
    }

    // ---------------------------------------------------------------- bounds of the scope

    /** Whether a successor leaves the scope: too many stacked empty ranges or ranges in a list. */
    public boolean outOfBounds(int[] f) {
        if (pruned) {
            return true;
        }
        for (int a = 0; a < L.areas; a++) {
            int ab = L.area(a);
            int n = f[ab + A_NR];
            if (n > L.maxRanges) {
                return true;
            }
            int empty = 0;
            for (int i = 0; i < n; i++) {
                int rb = L.range(f[ab + A_LIST + i]);
                if (f[rb + R_END] + 1 == f[rb + R_START]) {
                    empty++;
                }
            }
            if (empty > scope.maxEmpty()) {
                return true;
            }
        }
        return false;
    }
}
