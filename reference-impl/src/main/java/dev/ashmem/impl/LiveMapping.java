package dev.ashmem.impl;

import dev.ashmem.impl.file.BackingFile;
import dev.ashmem.impl.mm.MappedWindow;
import dev.ashmem.model.MappingSnapshot;

/** One live mapping made through the device (MMAP-ID): what the spec sees plus the real window. */
final class LiveMapping {
    final int id;
    final int areaId;
    final BackingFile file;
    final long length;
    final long offset;
    /** The file page the mapping starts at (unsigned): offset >> PAGE_SHIFT. */
    final long pgoff;
    final int mayProt;
    final boolean shared;
    /** The window shows the file (shared, or a broken private variant) rather than anonymous memory. */
    final boolean fileBacked;
    final MappedWindow window;
    volatile int prot;

    LiveMapping(int id, int areaId, BackingFile file, long length, long offset, long pgoff, int prot, int mayProt,
                boolean shared, boolean fileBacked, MappedWindow window) {
        this.id = id;
        this.areaId = areaId;
        this.file = file;
        this.length = length;
        this.offset = offset;
        this.pgoff = pgoff;
        this.prot = prot;
        this.mayProt = mayProt;
        this.shared = shared;
        this.fileBacked = fileBacked;
        this.window = window;
    }

    MappingSnapshot snapshot() {
        return new MappingSnapshot(id, areaId, length, offset, prot, mayProt, shared);
    }
}
