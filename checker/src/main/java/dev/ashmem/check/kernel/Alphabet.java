package dev.ashmem.check.kernel;

import dev.ashmem.check.scope.Letter;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.generator.Boundaries;
import dev.ashmem.model.Prot;
import java.util.ArrayList;
import java.util.List;

/** Expands a scope's letters into the concrete actions the explorer tries in every state. */
public final class Alphabet {
    /** mprotect targets. */
    static final int[] MPROTECT_PROTS = {Prot.READ, Prot.READ | Prot.WRITE, Prot.ALL};

    private final List<Action> actions;

    public Alphabet(Scope scope) {
        this.actions = List.copyOf(build(scope));
    }

    public List<Action> actions() {
        return actions;
    }

    public int size() {
        return actions.size();
    }

    private static List<Action> build(Scope s) {
        var out = new ArrayList<Action>();
        var letters = s.alphabet();
        int P = s.pageSize();
        int maxPages = s.maxPages();
        long[] sizes = s.sizeTable();
        for (int thread = 0; thread < s.callerThreads(); thread++) {
            // PIN, UNPIN, GET_PIN_STATUS: aligned pairs, then the chosen odd arguments.
            var pinArgs = new ArrayList<long[]>(); // {offset, len, bad}
            for (int i = 0; i < maxPages; i++) {
                for (int j = 1; i + j <= maxPages; j++) {
                    pinArgs.add(new long[] {(long) i * P, (long) j * P, 0});
                }
            }
            if (letters.contains(Letter.ZERO)) {
                for (int i = 0; i <= maxPages; i++) {
                    pinArgs.add(new long[] {(long) i * P, 0, 0});
                }
            }
            if (letters.contains(Letter.MISALIGNED)) {
                pinArgs.add(new long[] {1, P, 0});
                pinArgs.add(new long[] {0, 1, 0});
            }
            if (letters.contains(Letter.OVERFLOW)) {
                pinArgs.add(new long[] {Boundaries.topU32Page(P), 2L * P, 0}); // PINARG-OVERFLOW
                pinArgs.add(new long[] {P, Boundaries.topU32Page(P), 0}); // PINARG-OVERFLOW
                pinArgs.add(new long[] {(long) maxPages * P, P, 0}); // PINARG-BOUNDS
            }
            if (letters.contains(Letter.EFAULT)) {
                pinArgs.add(new long[] {0, 0, 1});
            }
            for (var kind : List.of(ActionKind.PIN, ActionKind.UNPIN, ActionKind.STATUS)) {
                if (!letters.contains(Letter.valueOf(kind.name()))) {
                    continue;
                }
                for (int a = 0; a < s.areas(); a++) {
                    for (var arg : pinArgs) {
                        out.add(new Action(kind, a, thread, arg[0], arg[1], 0, arg[2] != 0));
                    }
                }
            }
            if (letters.contains(Letter.SCAN)) {
                for (int k = 1; k <= s.scanMax(); k++) {
                    out.add(new Action(ActionKind.SCAN, 0, thread, k, 0, 0, true));
                }
                out.add(new Action(ActionKind.SCAN, 0, thread, 0, 0, 0, true)); // SHRINK-NR: 0 wraps, purges all
            }
            if (letters.contains(Letter.NOFS)) {
                out.add(new Action(ActionKind.SCAN, 0, thread, 1, 0, 0, false));
            }
            for (int a = 0; a < s.areas(); a++) {
                if (letters.contains(Letter.PURGE)) {
                    out.add(new Action(ActionKind.PURGE, a, thread, 0, 0, 0, true));
                    out.add(new Action(ActionKind.PURGE, a, thread, 0, 0, 0, false));
                }
                if (letters.contains(Letter.MMAP)) {
                    int rw = Prot.READ | Prot.WRITE;
                    long whole = (long) maxPages * P;
                    out.add(new Action(ActionKind.MMAP, a, thread, P, 0, rw, true));
                    out.add(new Action(ActionKind.MMAP, a, thread, P, 0, rw, false));
                    out.add(new Action(ActionKind.MMAP, a, thread, whole, 0, rw, true));
                    out.add(new Action(ActionKind.MMAP, a, thread, whole, 0, Prot.READ, true));
                    out.add(new Action(ActionKind.MMAP, a, thread, whole + P, 0, rw, true)); // MMAP-SIZE
                    out.add(new Action(ActionKind.MMAP, a, thread, P, whole, rw, true)); // MMAP-OFFSET: past EOF
                }
                if (letters.contains(Letter.CLOSE)) {
                    out.add(new Action(ActionKind.CLOSE, a, thread, 0, 0, 0, false));
                    out.add(new Action(ActionKind.OPEN, a, thread, 0, 0, 0, false));
                }
                if (letters.contains(Letter.PROT)) {
                    for (int m = 0; m <= 8; m++) {
                        out.add(new Action(ActionKind.PROT, a, thread, 0, 0, m, false));
                    }
                }
                if (letters.contains(Letter.RIE)) {
                    for (int m = 0; m <= 7; m++) {
                        out.add(new Action(ActionKind.PROT, a, thread, 0, 0, m, true));
                    }
                }
                if (letters.contains(Letter.SIZE)) {
                    for (long v : s.sizes()) {
                        out.add(new Action(ActionKind.SIZE, a, thread, v, 0, indexOf(sizes, v), false));
                    }
                }
            }
            for (int m = 0; m < s.maxMappings(); m++) {
                if (letters.contains(Letter.MUNMAP)) {
                    out.add(new Action(ActionKind.MUNMAP, m, thread, 0, 0, 0, false));
                }
                if (letters.contains(Letter.MPROTECT)) {
                    for (int prot : MPROTECT_PROTS) {
                        out.add(new Action(ActionKind.MPROTECT, m, thread, 0, 0, prot, false));
                    }
                }
                if (letters.contains(Letter.WRITE)) {
                    for (int page = 0; page < maxPages; page++) {
                        out.add(new Action(ActionKind.WRITE, m, thread, 0, 0, page, false));
                    }
                }
            }
        }
        for (int j = 0; j < s.shrinkerThreads(); j++) {
            out.add(new Action(ActionKind.MARK, j, 0, 0, 0, 0, false));
            out.add(new Action(ActionKind.PUNCH, j, 0, 0, 0, 0, false));
            out.add(new Action(ActionKind.RELEASE, j, 0, 0, 0, 0, false));
        }
        return out;
    }

    static int indexOf(long[] table, long v) {
        for (int i = 0; i < table.length; i++) {
            if (table[i] == v) {
                return i;
            }
        }
        throw new IllegalArgumentException("size not in table: " + Long.toUnsignedString(v));
    }
}
