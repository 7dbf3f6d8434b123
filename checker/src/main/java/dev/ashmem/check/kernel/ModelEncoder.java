package dev.ashmem.check.kernel;

import static dev.ashmem.check.kernel.Layout.*;

import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.FileSnapshot;
import java.util.Arrays;
import java.util.HashMap;

/**
 * Reads the model's state (snapshot, in-flight count, ghost of INV-PUNCH-PINNED, pending punches) into a
 * kernel frame, so that kernel and model states can be compared in the kernel's canonical packing.
 */
public final class ModelEncoder {
    private final Kernel k;
    private final Layout L;
    private final int P;

    public ModelEncoder(Kernel kernel) {
        this.k = kernel;
        this.L = kernel.layout();
        this.P = kernel.P;
    }

    /** The model state of {@code c} as a frame; the checker's own ghost (guard bits) is copied from {@code ghosts}. */
    public void encode(ModelState c, int[] ghosts, int[] f) {
        Arrays.fill(f, 0);
        var model = c.model();
        var snap = model.snapshot();
        var fileOfArea = new HashMap<Integer, Integer>();
        var slotOfArea = new HashMap<Integer, Integer>();
        var filesById = new HashMap<Integer, FileSnapshot>();
        for (var file : snap.files()) {
            filesById.put(file.area(), file);
        }
        int[] fileNext = {0};
        for (int slot = 0; slot < L.areas; slot++) {
            int fd = c.fd(slot);
            if (fd < 0) {
                continue;
            }
            AreaSnapshot area = snap.areas().stream().filter(x -> x.handles().contains(fd)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no area holds handle " + fd));
            slotOfArea.put(area.id(), slot);
            int ab = L.area(slot);
            f[ab + A_OPEN] = 1;
            f[ab + A_SIZE] = sizeIndex(area.size());
            f[ab + A_MASK] = (int) area.protMask();
            if (area.hasFile()) {
                var file = filesById.get(area.id());
                int ref = newFile(f, fileNext, FILE_LIVE, sizeIndex(file.size()), dataBits(file));
                f[ab + A_FILE] = ref;
                fileOfArea.put(area.id(), ref);
            }
            f[ab + A_GUARD] = ghosts[ab + A_GUARD];
            for (var r : area.unpinned()) {
                int id = k.allocRange(f, slot, Math.toIntExact(r.pgstart()), Math.toIntExact(r.pgend()), r.purged());
                f[ab + A_LIST + f[ab + A_NR]++] = id;
            }
        }
        boolean[] onLru = new boolean[L.poolCap];
        for (var e : snap.lru()) {
            int slot = slotOfArea.get(e.area());
            int ab = L.area(slot);
            for (int i = 0; i < f[ab + A_NR]; i++) {
                int r = f[ab + A_LIST + i];
                int rb = L.range(r);
                if (!onLru[r] && f[rb + R_START] == e.pgstart() && f[rb + R_END] == e.pgend()) {
                    onLru[r] = true;
                    f[L.lru0 + f[LRU_LEN]++] = r;
                    break;
                }
            }
        }
        f[LRU_COUNT] = Math.toIntExact(snap.lruCount());
        f[INFLIGHT] = model.inflight();
        f[GHOST] = model.violations().stream().anyMatch(v -> v.ruleId().equals("INV-PUNCH-PINNED")) ? 1 : 0;
        for (var file : snap.files()) {
            if (!fileOfArea.containsKey(file.area())) {
                fileOfArea.put(file.area(), newFile(f, fileNext, FILE_LIVE, sizeIndex(file.size()), dataBits(file)));
            }
        }
        int m = 0;
        for (var map : snap.mappings()) {
            int mb = L.map(m++);
            f[mb + M_FILE] = fileOfArea.get(map.area());
            f[mb + M_PAGES] = Math.toIntExact(map.length() / P);
            f[mb + M_PGOFF] = Math.toIntExact(map.offset() / P);
            f[mb + M_PROT] = map.prot();
            f[mb + M_MAY] = map.mayProt();
            f[mb + M_SHARED] = map.shared() ? 1 : 0;
        }
        f[NMAPS] = m;
        for (int j = 0; j < L.shrinkers; j++) {
            int sb = L.shrinker(j);
            f[sb + S_PHASE] = c.phase(j);
            if (c.phase(j) == PHASE_MARKED) {
                var p = c.pending(j);
                Integer ref = fileOfArea.get(p.area());
                if (ref == null) {
                    ref = newFile(f, fileNext, FILE_DEAD, 0, 0); // only the punch holds it
                    fileOfArea.put(p.area(), ref);
                }
                f[sb + S_FILE] = ref;
                f[sb + S_START] = Math.toIntExact(Long.divideUnsigned(p.start(), P));
                f[sb + S_END] = Math.toIntExact(Long.divideUnsigned(p.end(), P) - 1);
            }
        }
    }

    private int newFile(int[] f, int[] next, int state, int sizeIdx, int data) {
        int fb = L.file0 + next[0] * F_STRIDE;
        f[fb + F_STATE] = state;
        f[fb + F_SIZE] = sizeIdx;
        f[fb + F_DATA] = data;
        return ++next[0];
    }

    private int dataBits(FileSnapshot file) {
        int bits = 0;
        if (k.content) {
            for (long p : file.dataPages()) {
                bits |= 1 << Math.toIntExact(p);
            }
        }
        return bits;
    }

    private int sizeIndex(long size) {
        for (int i = 0; i < k.sizeValue.length; i++) {
            if (k.sizeValue[i] == size) {
                return i;
            }
        }
        throw new IllegalStateException("the model has a size outside the scope's table: " + Long.toUnsignedString(size));
    }
}
