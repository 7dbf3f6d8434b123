package dev.ashmem.model;

import java.util.Arrays;
import java.util.TreeMap;

/** One mapping: a window of {@code length} bytes at file offset {@code offset}. */
final class Mapping {
    final int id;
    final BackingFile file;
    final long length;
    final long offset;
    /** The file page the mapping starts at (unsigned): offset >> PAGE_SHIFT. */
    final long pgoff;
    final int mayProt;
    final boolean shared;
    int prot;
    /** Content of a private (anonymous) mapping, by page of the mapping; absent pages are zero. */
    final TreeMap<Long, byte[]> privatePages = new TreeMap<>();

    Mapping(int id, BackingFile file, long length, long offset, long pgoff, int prot, int mayProt, boolean shared) {
        this.id = id;
        this.file = file;
        this.length = length;
        this.offset = offset;
        this.pgoff = pgoff;
        this.prot = prot;
        this.mayProt = mayProt;
        this.shared = shared;
    }

    MappingSnapshot snapshot() {
        return new MappingSnapshot(id, file.areaId, length, offset, prot, mayProt, shared);
    }

    Mapping copy(BackingFile fileCopy) {
        var m = new Mapping(id, fileCopy, length, offset, pgoff, prot, mayProt, shared);
        privatePages.forEach((k, v) -> m.privatePages.put(k, Arrays.copyOf(v, v.length)));
        return m;
    }
}
