package dev.ashmem.impl;

import dev.ashmem.impl.file.BackingFile;
import dev.ashmem.impl.range.UnpinnedRanges;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A quiescent device's whole state, for {@link OffHeapAshmem#resetTo}: the handle table, every area
 * (its fields and ranges), the LRU order and count, the mappings, the in-flight count, and each backing
 * file's reference count and pages. It keeps the objects themselves (areas, mappings, files): a reset
 * reuses them, so their memfds and mmaps are not made again. A punch in flight at the checkpoint is the
 * caller's to hold: the reset puts the in-flight count back, and the caller completes the punch again (the
 * stress tests' pool re-arms the punches its setups leave for a scanner actor).
 */
public final class Checkpoint {
    /** One area's fields. */
    record AreaState(Area area, byte[] name, long size, long protMask, BackingFile file, long position, int refs,
                     UnpinnedRanges.Saved ranges) {
    }

    /** One LRU entry: the area and the creation number of its range. */
    record LruEntry(Area area, long seq) {
    }

    final HandleTable.Saved handles;
    final List<AreaState> areas;
    final List<LruEntry> lru;
    final long lruCount;
    /** The mappings by id, with their protections. */
    final Map<Integer, LiveMapping> mappings;
    final Map<Integer, Integer> prots;
    final int nextMappingId;
    final int inflight;
    final Map<BackingFile, BackingFile.Image> files;

    private Checkpoint(HandleTable.Saved handles, List<AreaState> areas, List<LruEntry> lru, long lruCount,
                       Map<Integer, LiveMapping> mappings, Map<Integer, Integer> prots, int nextMappingId,
                       int inflight, Map<BackingFile, BackingFile.Image> files) {
        this.handles = handles;
        this.areas = areas;
        this.lru = lru;
        this.lruCount = lruCount;
        this.mappings = mappings;
        this.prots = prots;
        this.nextMappingId = nextMappingId;
        this.inflight = inflight;
        this.files = files;
    }

    /**
     * The state of {@code s}, or null if a reset could not bring it back exactly: a private mapping
     * (anonymous memory, not imaged) or a file {@link BackingFile#image()} refuses. The caller holds the
     * mmap lock exclusively and the mutex.
     */
    static Checkpoint take(DeviceState s) {
        var files = new IdentityHashMap<BackingFile, BackingFile.Image>();
        var prots = new TreeMap<Integer, Integer>();
        for (var m : s.mappings.values()) {
            if (!m.shared || !m.fileBacked || !image(m.file, files)) {
                return null;
            }
            prots.put(m.id, m.prot);
        }
        var areas = new ArrayList<AreaState>();
        for (var a : s.areas.values()) {
            if (a.file != null && !image(a.file, files)) {
                return null;
            }
            areas.add(new AreaState(a, a.name.clone(), a.size, a.protMask, a.file, a.position, a.refs.get(),
                    a.unpinned.save()));
        }
        var lru = new ArrayList<LruEntry>();
        for (var r : s.lru.toList()) {
            lru.add(new LruEntry(r.owner(), r.seq()));
        }
        return new Checkpoint(s.handles.save(), areas, lru, s.lru.count(), new TreeMap<>(s.mappings), prots,
                s.nextMappingId, s.inflight.get(), files);
    }

    private static boolean image(BackingFile file, Map<BackingFile, BackingFile.Image> files) {
        if (files.containsKey(file)) {
            return true;
        }
        var image = file.image();
        files.put(file, image);
        return image != null;
    }

    /**
     * Whether {@code s} can be brought back: nothing in flight now, the same mappings with the same
     * protections, no area or file the checkpoint does not know (an actor's open or first mmap), every
     * file still open. Nothing is changed here. The caller holds the mmap lock exclusively and the mutex.
     */
    boolean restorable(DeviceState s) {
        if (s.inflight.get() != 0 || !s.mappings.equals(mappings)) {
            return false;
        }
        for (var m : s.mappings.values()) {
            if (m.prot != prots.get(m.id)) {
                return false;
            }
        }
        for (var a : s.areas.values()) {
            var saved = stateOf(a);
            if (saved == null || a.file != saved.file()) {
                return false;
            }
        }
        for (var f : files.keySet()) {
            if (!f.isOpen() || f.sealed()) {
                return false;
            }
        }
        return true;
    }

    private AreaState stateOf(Area a) {
        for (var saved : areas) {
            if (saved.area() == a) {
                return saved;
            }
        }
        return null;
    }

    /**
     * Brings {@code s} back (after {@link #restorable}); false if a file could not be rewritten, and
     * the device must then be closed. The caller holds the mmap lock exclusively and the mutex.
     */
    boolean restore(DeviceState s) {
        for (var e : files.entrySet()) {
            if (!e.getKey().reset(e.getValue())) {
                return false;
            }
        }
        s.handles.restore(handles);
        s.lru.clear();
        s.areas.clear();
        for (var saved : areas) {
            var a = saved.area();
            a.name = saved.name().clone();
            a.size = saved.size();
            a.protMask = saved.protMask();
            a.file = saved.file();
            a.position = saved.position();
            a.refs.set(saved.refs());
            a.unpinned.restore(saved.ranges());
            s.areas.put(a.id, a);
        }
        for (var e : lru) {
            e.area().unpinned.lruRelink(e.seq());
        }
        s.lru.restoreCount(lruCount);
        s.nextMappingId = nextMappingId;
        s.inflight.set(inflight);
        return true;
    }
}
