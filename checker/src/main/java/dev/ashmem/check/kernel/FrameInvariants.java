package dev.ashmem.check.kernel;

import static dev.ashmem.check.kernel.Layout.*;

import dev.ashmem.model.Invariants.Violation;
import dev.ashmem.model.Prot;
import java.util.List;

/**
 * The spec's state invariants (chapter 9.1), checked on a frame in the order the model's
 * {@code Invariants} checks them, plus two checks the model does not make: INV-MASK for mappings
 * (prot within may) and the ghost content law of spec 9.2 ("only unpinned pages are lost").
 */
public final class FrameInvariants {
    /** The content law has no rule ID in the spec; this is the checker's name for it. */
    public static final String CONTENT_LAW = "LAW-PINNED-DATA";

    private final Layout L;
    private final Kernel k;
    private final int[] seen;
    private int stamp;

    public FrameInvariants(Kernel kernel) {
        this.k = kernel;
        this.L = kernel.layout();
        this.seen = new int[L.poolCap];
    }

    /**
     * True when the frame is sound. With {@code out == null} it stops at the first broken invariant;
     * otherwise it adds every violation to {@code out}.
     */
    public boolean check(int[] f, List<Violation> out) {
        boolean ok = true;
        if (++stamp == Integer.MAX_VALUE) {
            java.util.Arrays.fill(seen, 0);
            stamp = 1;
        }
        int n = f[LRU_LEN];
        int sum = 0;
        for (int i = 0; i < n; i++) {
            int r = f[L.lru0 + i];
            int rb = L.range(r);
            if (seen[r] == stamp) {
                ok = fail(out, "INV-LRU-IFF", "range " + range(f, r) + " twice on the LRU");
                if (out == null) {
                    return false;
                }
            }
            seen[r] = stamp;
            sum += f[rb + R_END] - f[rb + R_START] + 1;
            if (!listed(f, r)) {
                ok = fail(out, "INV-LRU-AREA", "LRU range " + range(f, r) + " of area slot " + f[rb + R_AREA] + " is in no live area's list");
                if (out == null) {
                    return false;
                }
            }
        }
        if (sum != f[LRU_COUNT]) {
            ok = fail(out, "INV-LRU-COUNT", "lruCount " + f[LRU_COUNT] + " but the LRU ranges hold " + sum + " pages");
            if (out == null) {
                return false;
            }
        }
        for (int a = 0; a < L.areas; a++) {
            int ab = L.area(a);
            if (f[ab + A_OPEN] == 0) {
                continue;
            }
            if ((f[ab + A_MASK] & ~Prot.ALL) != 0) {
                ok = fail(out, "INV-MASK", "area slot " + a + " mask " + Integer.toHexString(f[ab + A_MASK]));
                if (out == null) {
                    return false;
                }
            }
            int file = f[ab + A_FILE];
            if (file != 0 && f[L.file(file) + F_SIZE] != f[ab + A_SIZE]) {
                ok = fail(out, "INV-FILE-FIXED", "area slot " + a + " size changed after its file was created");
                if (out == null) {
                    return false;
                }
            }
            int pages = file == 0 ? 0 : k.sizeFilePages[f[ab + A_SIZE]];
            int prevStart = Integer.MIN_VALUE;
            int nr = f[ab + A_NR];
            for (int i = 0; i < nr; i++) {
                int r = f[ab + A_LIST + i];
                int rb = L.range(r);
                int s = f[rb + R_START];
                int e = f[rb + R_END];
                boolean purged = f[rb + R_PURGED] != 0;
                if (purged == (seen[r] == stamp)) {
                    ok = fail(out, "INV-LRU-IFF", "area slot " + a + " range " + range(f, r) + (purged ? " purged but on" : " not purged but off") + " the LRU");
                    if (out == null) {
                        return false;
                    }
                }
                if (i > 0 && !(e < prevStart)) {
                    ok = fail(out, "INV-ORDER", "area slot " + a + " range " + range(f, r) + " follows a range starting at " + prevStart);
                    if (out == null) {
                        return false;
                    }
                }
                boolean inBounds = s <= e && e < pages;
                boolean empty = e == s - 1 && s <= pages;
                boolean wrapped = e == -1;
                if (file == 0 || !(inBounds || empty || wrapped)) {
                    ok = fail(out, "INV-BOUNDS", "area slot " + a + " range " + range(f, r) + " outside its " + pages + " pages");
                    if (out == null) {
                        return false;
                    }
                }
                prevStart = s;
            }
            if (k.content && file != 0 && (f[ab + A_GUARD] & ~f[L.file(file) + F_DATA]) != 0) {
                ok = fail(out, CONTENT_LAW, "area slot " + a + " lost data written while pinned: pages "
                        + bitsText(f[ab + A_GUARD] & ~f[L.file(file) + F_DATA]) + " are holes");
                if (out == null) {
                    return false;
                }
            }
        }
        for (int m = 0; m < f[NMAPS]; m++) {
            int mb = L.map(m);
            if ((f[mb + M_PROT] & ~f[mb + M_MAY]) != 0 || (f[mb + M_MAY] & ~Prot.ALL) != 0) {
                ok = fail(out, "INV-MASK", "mapping slot " + m + " prot " + Prot.format(f[mb + M_PROT]) + " outside may " + Prot.format(f[mb + M_MAY]));
                if (out == null) {
                    return false;
                }
            }
        }
        if (f[GHOST] != 0) {
            ok = fail(out, "INV-PUNCH-PINNED", "a data page was punched while pinned");
            if (out == null) {
                return false;
            }
        }
        if (f[INFLIGHT] < 0) {
            ok = fail(out, "CONC-INFLIGHT", "in-flight count " + f[INFLIGHT]);
        }
        return ok;
    }

    private boolean listed(int[] f, int r) {
        int a = f[L.range(r) + R_AREA];
        if (a < 0 || a >= L.areas) {
            return false;
        }
        int ab = L.area(a);
        if (f[ab + A_OPEN] == 0) {
            return false;
        }
        for (int i = 0; i < f[ab + A_NR]; i++) {
            if (f[ab + A_LIST + i] == r) {
                return true;
            }
        }
        return false;
    }

    private static boolean fail(List<Violation> out, String id, String detail) {
        if (out != null) {
            out.add(new Violation(id, detail));
        }
        return false;
    }

    private String range(int[] f, int r) {
        int rb = L.range(r);
        return "[" + f[rb + R_START] + ".." + f[rb + R_END] + "]" + (f[rb + R_PURGED] != 0 ? "P" : "");
    }

    static String bitsText(int bits) {
        var sb = new StringBuilder("{");
        for (int p = 0; p < 31; p++) {
            if ((bits & (1 << p)) != 0) {
                sb.append(sb.length() > 1 ? "," : "").append(p);
            }
        }
        return sb.append('}').toString();
    }
}
