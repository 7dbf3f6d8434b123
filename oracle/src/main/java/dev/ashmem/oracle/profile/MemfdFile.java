package dev.ashmem.oracle.profile;

import dev.ashmem.model.ByteRuns;
import dev.ashmem.model.Unsigned;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * A memfd made by libcutils' memfd_create_region (ashmem-dev.cpp): its name, its size (fixed by
 * F_SEAL_GROW|F_SEAL_SHRINK), whether F_SEAL_FUTURE_WRITE is on, and its pages. A page is a hole until a
 * fault allocates it (shmem_fault: a load through any mapping allocates it too); read() of a hole does not.
 */
final class MemfdFile {
    /** A present page never written: reads as zeros, costs nothing here. */
    static final byte[] ZERO_PAGE = new byte[0];

    final int areaId;
    final byte[] name;
    final long size;
    final int pageSize;
    boolean futureWriteSealed;
    final TreeMap<Long, byte[]> pages = new TreeMap<>();

    MemfdFile(int areaId, byte[] name, long size, int pageSize) {
        this.areaId = areaId;
        this.name = name;
        this.size = size;
        this.pageSize = pageSize;
    }

    /** DIV_ROUND_UP(i_size, P): a fault at or past this page is SIGBUS (shmem_fault). */
    long pageCount() {
        return Unsigned.pagesOf(size, pageSize);
    }

    boolean isData(long page) {
        return pages.containsKey(page);
    }

    byte[] touch(long page) {
        return pages.computeIfAbsent(page, p -> ZERO_PAGE);
    }

    byte[] writable(long page) {
        var bytes = pages.get(page);
        if (bytes == null || bytes == ZERO_PAGE) {
            bytes = new byte[pageSize];
            pages.put(page, bytes);
        }
        return bytes;
    }

    /** The bytes of {@code page} now, as a private copy would take them. */
    byte[] copyOf(long page) {
        var bytes = touch(page);
        return bytes == ZERO_PAGE ? new byte[pageSize] : bytes.clone();
    }

    /** Appends {@code n} bytes at {@code offset}; holes read as zeros and stay holes (shmem_file_read_iter). */
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

    static void appendPage(ByteRuns.Builder out, byte[] page, int inPage, int n) {
        if (page == null || page == ZERO_PAGE) {
            out.repeat((byte) 0, n);
        } else {
            out.append(page, inPage, n);
        }
    }

    MemfdFile copy() {
        var f = new MemfdFile(areaId, name, size, pageSize);
        f.futureWriteSealed = futureWriteSealed;
        pages.forEach((k, v) -> f.pages.put(k, v == ZERO_PAGE ? ZERO_PAGE : Arrays.copyOf(v, v.length)));
        return f;
    }
}
