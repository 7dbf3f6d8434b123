package dev.ashmem.generator;

import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Op;
import dev.ashmem.model.Prot;
import dev.ashmem.model.RangeSnapshot;
import dev.ashmem.model.Unsigned;

/**
 * The kinds of operation the generator draws, each with its default weight and the states in which it
 * is worth drawing. The order is the order of simplicity: a shrinker lowering the recorded position
 * moves a step towards the first kind.
 */
public enum OpKind {
    /** PIN and UNPIN. */
    PIN_FAMILY("pin_unpin", 13),
    /**
     * GET_PIN_STATUS, a class of its own: an implementation may lack it alone (a library API without it, the
     * Rust driver's EFAULT), so drive can stop drawing it and go on with PIN and UNPIN.
     */
    PIN_STATUS("pin_status", 3),
    SHRINK("shrink", 4),
    ACCESS("access", 6),
    OPEN("open", 2),
    SET_SIZE("set_size", 2),
    MMAP("mmap", 3),
    ATTRIBUTE("attribute", 2),
    GET_SIZE("get_size", 1),
    PROT_MASK("prot_mask", 2),
    READ("read", 2),
    LLSEEK("llseek", 2),
    MPROTECT("mprotect", 1),
    MUNMAP("munmap", 1),
    DUP("dup", 1),
    CLOSE("close", 1);

    /** The most areas a chain opens; more adds states, not rules. */
    public static final int MAX_AREAS = 3;
    /** The most live mappings a chain makes. */
    public static final int MAX_MAPPINGS = 6;

    private final String label;
    private final int weight;

    OpKind(String label, int weight) {
        this.label = label;
        this.weight = weight;
    }

    /** The action name reports and coverage use, e.g. "pin_unpin". */
    public String label() {
        return label;
    }

    public int weight() {
        return weight;
    }

    /**
     * How many times its weight this kind gets in state {@code s}: states whose difference only this kind
     * shows are rare and short-lived, so it is drawn more while they last. Generation only: the kind is
     * recorded by its place in the plain weights, so a replay draws the same kind whatever the state.
     */
    public int boost(DeviceSnapshot s) {
        return switch (this) {
            // a mapping whose may lacks a bit: only mprotect asks for it (MMAP-MAY, MPROTECT-MAY)
            case MPROTECT -> s.mappings().stream().anyMatch(m -> m.mayProt() != Prot.ALL) ? 6 : 1;
            // a split piece behind younger ranges: only a scan that stops part-way shows the order (PIN-SPLIT-TAIL)
            // and any range on the LRU: a count shows lruCount, which no other result does (INV-LRU-COUNT)
            // and a range right below a page with data: purging it shows how far the punch reached (INV-PUNCH-PINNED)
            case SHRINK -> Witnesses.splitScan(s) > 0 ? 10 : lruOutOfOrder(s) ? 3 : s.lru().isEmpty() ? 1
                    : Witnesses.purgeBesideData(s) > 0 ? 5 : 2;
            // a purged range: SEEK_DATA and SEEK_HOLE show where the punch reached (SHRINK-PUNCH-EXTENT)
            // (most of all when the page after it holds data: the punch must have stopped before it, INV-PUNCH-PINNED)
            case LLSEEK -> Witnesses.purgedBesideData(s) ? 6
                    : s.areas().stream().anyMatch(a -> a.hasFile() && a.unpinned().stream().anyMatch(RangeSnapshot::purged)) ? 3 : 1;
            // an unpinned range whose next page, pinned, holds no data yet: bytes stored there must survive a purge
            // (INV-PUNCH-PINNED); a private mapping over file pages with data must show its own zero pages (MMAP-PRIVATE)
            case ACCESS -> Witnesses.pinnedAboveWithoutData(s) || Witnesses.privateOverData(s) ? 2 : 1;
            // a reduced mask: asking a bit back, or READ_IMPLIES_EXEC regaining EXEC (PROT-SUBSET, PROT-RIE)
            // and every mask full: lowering one is the first step to a mapping whose may lacks a bit (MMAP-MAY)
            // (most of all READ without EXEC: a READ_IMPLIES_EXEC caller regains EXEC after the check, PROT-RIE)
            case PROT_MASK -> s.areas().stream().anyMatch(a -> (a.protMask() & Prot.READ) != 0 && (a.protMask() & Prot.EXEC) == 0) ? 3 : 2;
            // a reduced mask not yet mapped: a mapping made now has a may without some bit (MMAP-MAY)
            // and file pages with data no private mapping shows yet (MMAP-PRIVATE)
            case MMAP -> Witnesses.maskUnmapped(s) ? 5 : Witnesses.dataWithoutPrivate(s) ? 2 : 1;
            // a purged range: the next PIN reports it, the next UNPIN over it spreads it (PIN-RET, UNPIN-PURGED-SPREAD)
            // PIN-SPLIT-TAIL is shown by UNPIN a wide range, UNPIN a younger one, PIN inside the wide one, a scan
            // that stops between the pieces, PIN the upper piece: favour each step while its state lasts, except
            // while that scan is due (it comes first)
            case PIN_FAMILY -> Witnesses.splitScan(s) > 0 ? 1 : Witnesses.tailAbovePurged(s) != null || Witnesses.splittableBehindYounger(s) ? 3
                    : Witnesses.wideYoungest(s) || s.lru().isEmpty() ? 3 : Witnesses.noWideRange(s) ? 2
                    : s.areas().stream().anyMatch(a -> a.hasFile() && a.unpinned().stream().anyMatch(RangeSnapshot::purged)) ? 2 : 1;
            // an unpinned range: a status over it tells pinned pages from unpinned ones (STATUS-RET)
            case PIN_STATUS -> s.lru().isEmpty() ? 1 : 2;
            // an area whose ranges are on the LRU: its last close must take them off (CLOSE-RELEASE)
            case CLOSE -> s.lru().isEmpty() ? 1 : 2;
            default -> 1;
        };
    }

    /** Some range comes later on the LRU than a range above it in the same area (a split piece, a re-unpinned part). */
    static boolean lruOutOfOrder(DeviceSnapshot s) {
        var lru = s.lru();
        for (int i = 0; i < lru.size(); i++) {
            for (int j = i + 1; j < lru.size(); j++) {
                if (lru.get(i).area() == lru.get(j).area() && Unsigned.gt(lru.get(i).pgstart(), lru.get(j).pgstart())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The kind of that label ({@code pin_unpin}, {@code shrink}, ...); empty for an unknown one. */
    public static java.util.Optional<OpKind> ofLabel(String label) {
        for (var k : values()) {
            if (k.label.equals(label)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }

    /** Every label, comma separated, in order. */
    public static String labels() {
        return java.util.Arrays.stream(values()).map(OpKind::label).collect(java.util.stream.Collectors.joining(","));
    }

    /**
     * The kind an operation belongs to: the one whose draws make it. GET_SIZE and SET_PROT_MASK, which
     * {@link #ATTRIBUTE} also draws, belong to their own kinds; PURGE_ALL_CACHES to {@link #SHRINK}.
     */
    public static OpKind of(Op op) {
        return switch (op) {
            case Op.Open o -> OPEN;
            case Op.Dup d -> DUP;
            case Op.Close c -> CLOSE;
            case Op.Mmap m -> MMAP;
            case Op.Munmap m -> MUNMAP;
            case Op.Mprotect m -> MPROTECT;
            case Op.Load l -> ACCESS;
            case Op.Store s -> ACCESS;
            case Op.Read r -> READ;
            case Op.Llseek l -> LLSEEK;
            case Op.ShrinkCount c -> SHRINK;
            case Op.ShrinkScan s -> SHRINK;
            case Op.Ioctl i -> switch (i.cmd()) {
                case Command.SetSize x -> SET_SIZE;
                case Command.GetSize x -> GET_SIZE;
                case Command.SetProtMask x -> PROT_MASK;
                case Command.Pin x -> PIN_FAMILY;
                case Command.Unpin x -> PIN_FAMILY;
                case Command.GetPinStatus x -> PIN_STATUS;
                case Command.PurgeAllCaches x -> SHRINK;
                default -> ATTRIBUTE;
            };
        };
    }

    /** Whether drawing this kind in state {@code s} is worth it. */
    public boolean enabled(DeviceSnapshot s) {
        boolean areas = !s.areas().isEmpty();
        boolean mappings = !s.mappings().isEmpty();
        return switch (this) {
            case OPEN -> s.areas().size() < MAX_AREAS;
            case MMAP -> areas && s.mappings().size() < MAX_MAPPINGS;
            case ACCESS, MPROTECT, MUNMAP -> mappings;
            default -> areas;
        };
    }
}
