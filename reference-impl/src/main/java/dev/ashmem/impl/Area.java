package dev.ashmem.impl;

import dev.ashmem.impl.file.BackingFile;
import dev.ashmem.impl.range.Lru;
import dev.ashmem.impl.range.RangePolicy;
import dev.ashmem.impl.range.UnpinnedRanges;
import dev.ashmem.model.Prot;
import java.util.concurrent.atomic.AtomicInteger;

/** struct ashmem_area: one per open of the device, shared by every duplicate handle. */
final class Area {
    final int id;
    /** The name as stored (at most 255 bytes, no NUL); guarded by the mutex. */
    byte[] name = new byte[0];
    /** size_t; read without the mutex by GET_SIZE. */
    volatile long size;
    /** Read without the mutex by GET_PROT_MASK. */
    volatile long protMask = Prot.ALL;
    /** Set once, under the mutex, by the first successful mmap; read by unlocked paths. */
    volatile BackingFile file;
    /** The unpinned list; guarded by the mutex. */
    final UnpinnedRanges<Area> unpinned;
    /** The open file description's position, one per area (SEEK-POS); guarded by the mutex. */
    long position;
    /** Handles plus operations in progress, like a struct file's count: release runs when it drops to 0. */
    final AtomicInteger refs = new AtomicInteger(1);

    Area(int id, Lru<Area> lru, RangePolicy policy) {
        this.id = id;
        this.unpinned = new UnpinnedRanges<>(this, lru, policy);
    }

    @Override
    public String toString() {
        return "area " + id;
    }
}
