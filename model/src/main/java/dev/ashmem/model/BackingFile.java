package dev.ashmem.model;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * The shmem file behind an area, created at the first successful mmap. Content is page-granular: a
 * page index maps to its bytes when it holds data; every other page is a hole and reads as zeros. A
 * data page that was only read (allocated by a read fault, MEM-SHARED) maps to {@link #ZERO_PAGE} and
 * costs no page of memory until written: a 2 GiB load of a fresh area stays small.
 */
final class BackingFile {
    final int areaId;
    final long size;
    final byte[] name;
    final int pageSize;
    /** Marks a present page whose bytes are all zero; never written to. */
    static final byte[] ZERO_PAGE = new byte[0];
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

    /** A page made present by a read fault: its bytes, or {@link #ZERO_PAGE} while never written. */
    byte[] touch(long page) {
        return pages.computeIfAbsent(page, p -> ZERO_PAGE);
    }

    /** A page made present and writable by a write fault. */
    byte[] writable(long page) {
        var bytes = pages.get(page);
        if (bytes == null || bytes == ZERO_PAGE) {
            bytes = new byte[pageSize];
            pages.put(page, bytes);
        }
        return bytes;
    }

    /** Appends the {@code n} bytes at {@code offset}, page by page; holes give zeros and stay holes. */
    void copyOut(long offset, int n, ByteRuns.Builder out) {
        int done = 0;
        while (done < n) {
            long at = offset + done;
            int inPage = (int) (at % pageSize);
            int k = Math.min(pageSize - inPage, n - done);
            appendPage(out, pages.get(at / pageSize), inPage, k);
            done += k;
        }
    }

    /** Appends {@code n} bytes of a page from {@code inPage}: zeros for a hole or a never-written page. */
    static void appendPage(ByteRuns.Builder out, byte[] page, int inPage, int n) {
        if (page == null || page == ZERO_PAGE) {
            out.repeat((byte) 0, n);
        } else {
            out.append(page, inPage, n);
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
        pages.forEach((k, v) -> f.pages.put(k, v == ZERO_PAGE ? ZERO_PAGE : Arrays.copyOf(v, v.length)));
        return f;
    }
}
