package dev.ashmem.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One live area: its handles, name (bytes as stored, empty when unnamed), size, prot mask, whether the
 * backing file exists, the shared file position, and the unpinned list in the driver's (descending) order.
 */
public record AreaSnapshot(int id, List<Integer> handles, String name, long size, long protMask, boolean hasFile,
                           long position, List<RangeSnapshot> unpinned) {
    public AreaSnapshot {
        handles = List.copyOf(handles);
        unpinned = List.copyOf(unpinned);
    }

    @Override
    public String toString() {
        return "area " + id + " fds=" + handles + " name=" + Names.quote(name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                + " size=" + Long.toUnsignedString(size) + " mask=" + Prot.format(protMask)
                + (hasFile ? " file" : " nofile") + " pos=" + position
                + " unpinned=" + unpinned.stream().map(RangeSnapshot::toString).collect(Collectors.joining(" ", "[", "]"));
    }
}
