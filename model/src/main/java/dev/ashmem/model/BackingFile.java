package dev.ashmem.model;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * The shmem file behind an area, created at the first successful mmap. Content is page-granular: a
 * page index maps to its bytes when it holds data; every other page is a hole and reads as zeros.
 */
final class BackingFile {
    final int areaId;
    final long size;
    final byte[] name;
    final int pageSize;
    final TreeMap<Long, byte[]> pages = new TreeMap<>(Long::compareUnsigned);

    BackingFile(int areaId, long size, byte[] name, int pageSize) {
        this.areaId = areaId;
        this.size = size;
        this.name = name;
        this.pageSize = pageSize;
    }

    /** Pages that exist in the file: DIV_ROUND_UP(i_size, P); touching one at or beyond this faults. */
    long pageCount() {
        return Unsigned.pagesOf(size, pageSize);
    }

    boolean isData(long page) {
        return pages.containsKey(page);
    }

    /** A page made present (zero-filled) by a fault or a write. */
    byte[] materialize(long page) {
        return pages.computeIfAbsent(page, p -> new byte[pageSize]);
    }

    /** Copies the bytes at {@code offset} into {@code out}, page by page; holes give zeros. */
    void copyOut(long offset, byte[] out) {
        int done = 0;
        while (done < out.length) {
            long at = offset + done;
            int inPage = (int) (at % pageSize);
            int n = Math.min(pageSize - inPage, out.length - done);
            var page = pages.get(at / pageSize);
            if (page != null) {
                System.arraycopy(page, inPage, out, done, n);
            }
            done += n;
        }
    }

    /** Punch pages [first, last) into holes. */
    void punchPages(long first, long endExclusive) {
        if (Unsigned.lt(first, endExclusive)) {
            pages.subMap(first, true, endExclusive, false).clear();
        } 
    }

    BackingFile copy() {
        var f = new BackingFile(areaId, size, name, pageSize);
        pages.forEach((k, v) -> f.pages.put(k, Arrays.copyOf(v, v.length)));
        return f;
    }
}
