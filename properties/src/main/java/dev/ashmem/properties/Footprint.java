package dev.ashmem.properties;

import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.MappingSnapshot;
import dev.ashmem.model.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes an operation can have changed, as the model's rules say: the content comparison after a
 * step reads only these. Bytes change only through a store (MEM-SHARED into the file, MEM-PRIVATE into
 * the mapping's own copy), the punch of a purged range (SHRINK-PUNCH-EXTENT, by a scan from the LRU's
 * head, SHRINK-ORDER, or by PURGE-SCAN), and the creation of zero-filled memory: the file at the first
 * mmap (MMAP-FILE) and a new private mapping (MEM-PRIVATE). Every other operation's effect is state,
 * which the pair still compares in full after every step. Bytes an implementation changes elsewhere
 * (only a broken one does) are caught by the comparison of every byte that runs every
 * {@link DevicePair#FULL_EVERY} steps and at the end of a chain ({@link DevicePair#difference()}).
 *
 * @param everything compare every byte the full comparison does
 * @param touches    otherwise, the places to compare
 */
public record Footprint(boolean everything, List<Touch> touches) {
    /** Compare every byte the full comparison does. */
    public static final Footprint EVERYTHING = new Footprint(true, List.of());
    /** An operation that changes no byte. */
    public static final Footprint NOTHING = new Footprint(false, List.of());

    public Footprint {
        touches = List.copyOf(touches);
    }

    /** One place whose bytes may have changed. */
    public sealed interface Touch permits FileBytes, MappingBytes {
    }

    /** Bytes [offset, offset + length) of the backing file of area {@code area}. */
    public record FileBytes(int area, long offset, long length) implements Touch {
    }

    /** Bytes [offset, offset + length) of private mapping {@code mapping}'s own memory. */
    public record MappingBytes(int mapping, long offset, long length) implements Touch {
    }

    /** What {@code op} can have changed, from the model's states {@code before} and {@code after} it ran. */
    public static Footprint of(Op op, DeviceSnapshot before, DeviceSnapshot after) {
        return switch (op) {
            case Op.Store s -> store(s, before);
            case Op.ShrinkScan s -> lru(before); // SHRINK-ORDER: a scan purges from the LRU's head, never past it
            case Op.Ioctl i when i.cmd() instanceof Command.PurgeAllCaches -> lru(before); // PURGE-SCAN
            case Op.Mmap m -> created(before, after);
            // No rule of these writes a byte: handles, attributes, pins (ranges are punched only by the
            // shrinker), protections, unmapping, loads, reads and seeks.
            case Op.Open o -> NOTHING;
            case Op.Dup d -> NOTHING;
            case Op.Close c -> NOTHING;
            case Op.Ioctl i -> NOTHING;
            case Op.Munmap m -> NOTHING;
            case Op.Mprotect m -> NOTHING;
            case Op.Load l -> NOTHING;
            case Op.Read r -> NOTHING;
            case Op.Llseek l -> NOTHING;
            case Op.ShrinkCount c -> NOTHING;
        };
    }

    /** MEM-SHARED: a shared mapping's store lands in the file at the mapping's offset; MEM-PRIVATE: in its own copy. */
    private static Footprint store(Op.Store s, DeviceSnapshot before) {
        var m = mapping(before, s.mapping());
        if (m == null) {
            return NOTHING; // no such mapping: rejected
        }
        long length = s.data().length;
        Touch t = m.shared() ? new FileBytes(m.area(), m.offset() + s.offset(), length) : new MappingBytes(m.id(), s.offset(), length);
        return new Footprint(false, List.of(t));
    }

    /** SHRINK-PUNCH-EXTENT: a purge punches at most the ranges on the LRU before it. */
    private static Footprint lru(DeviceSnapshot before) {
        var touches = new ArrayList<Touch>();
        long P = before.pageSize();
        for (var e : before.lru()) {
            touches.add(new FileBytes(e.area(), e.pgstart() * P, (e.pgend() - e.pgstart() + 1) * P));
        }
        return new Footprint(false, touches);
    }

    /** MMAP-FILE: the first mmap creates the area's file, zero-filled; MEM-PRIVATE: a new private mapping reads as zeros. */
    private static Footprint created(DeviceSnapshot before, DeviceSnapshot after) {
        var touches = new ArrayList<Touch>();
        for (var a : after.areas()) {
            if (a.hasFile() && before.areas().stream().noneMatch(b -> b.id() == a.id() && b.hasFile())) {
                touches.add(new FileBytes(a.id(), 0, a.size()));
            }
        }
        for (var m : after.mappings()) {
            if (!m.shared() && mapping(before, m.id()) == null) {
                touches.add(new MappingBytes(m.id(), 0, m.length()));
            }
        }
        return new Footprint(false, touches);
    }

    private static MappingSnapshot mapping(DeviceSnapshot s, int id) {
        for (var m : s.mappings()) {
            if (m.id() == id) {
                return m;
            }
        }
        return null;
    }
}
