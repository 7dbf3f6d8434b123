package dev.ashmem.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The whole observable state of a device: every live area, the global LRU in order, lruCount, every
 * live mapping and backing file. Areas are named by their open order (0, 1, 2, ...), which both the
 * model and an implementation can count without sharing anything else.
 */
public record DeviceSnapshot(int pageSize, List<AreaSnapshot> areas, List<LruEntry> lru, long lruCount,
                             List<MappingSnapshot> mappings, List<FileSnapshot> files) {

    public DeviceSnapshot {
        areas = List.copyOf(areas);
        lru = List.copyOf(lru);
        mappings = List.copyOf(mappings);
        files = List.copyOf(files);
    }

    /** One entry of the global LRU: a range of the area with id {@code area}. */
    public record LruEntry(int area, long pgstart, long pgend) {
        @Override
        public String toString() {
            return "a" + area + RangeSnapshot.pages(pgstart, pgend);
        }
    }

    public AreaSnapshot area(int id) {
        return areas.stream().filter(a -> a.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no live area " + id));
    }

    @Override
    public String toString() {
        var sb = new StringBuilder();
        sb.append("device P=").append(pageSize).append(" lruCount=").append(Long.toUnsignedString(lruCount))
                .append(" lru=").append(lru.stream().map(LruEntry::toString).collect(Collectors.joining(" ", "[", "]")));
        for (var a : areas) {
            sb.append("\n  ").append(a);
        }
        for (var f : files) {
            sb.append("\n  ").append(f);
        }
        for (var m : mappings) {
            sb.append("\n  ").append(m);
        }
        return sb.toString();
    }
}
