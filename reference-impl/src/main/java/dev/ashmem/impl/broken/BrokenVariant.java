package dev.ashmem.impl.broken;

import static dev.ashmem.impl.broken.Suite.DIFFERENTIAL;
import static dev.ashmem.impl.broken.Suite.DRIVE;
import static dev.ashmem.impl.broken.Suite.MODEL_CHECKER;
import static dev.ashmem.impl.broken.Suite.SCENARIO;
import static dev.ashmem.impl.broken.Suite.STRESS;

import dev.ashmem.impl.Decisions;
import dev.ashmem.impl.Deviation;
import dev.ashmem.impl.OffHeapAshmem;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one catalogue of deliberately broken variants of the reference implementation. Each entry is the
 * correct device with one {@link Deviation}: its stable name, the spec rule it breaks, its origin, the
 * suites that must catch it (each suite iterates over the entries naming it), and, for the sequential
 * ones, its minimal counterexample {@link #traceFile()}: replayed on the model it passes, on the variant
 * it diverges. The two concurrency variants have no sequential counterexample: only an interleaving
 * shows them (stress, and their scenario test).
 */
public enum BrokenVariant {
    MPROTECT_BEYOND_MASK("mprotect-beyond-mask", "MMAP-MAY", Origin.CVE_2011_1149, Deviation.MPROTECT_BEYOND_MASK,
            DIFFERENTIAL, DRIVE, SCENARIO),
    SET_SIZE_AFTER_MMAP("set-size-after-mmap", "SIZE-FILE", Origin.CVE_2017_13216, Deviation.SET_SIZE_AFTER_MMAP,
            DIFFERENTIAL, DRIVE, SCENARIO),
    CHECKS_BEFORE_LOCK("checks-before-lock", "CONC-MUTEX", Origin.DRIVER_BUG_3, Deviation.CHECKS_BEFORE_LOCK,
            SCENARIO, STRESS),
    MMAP_LONGER_THAN_SIZE("mmap-longer-than-size", "MMAP-SIZE", Origin.OLDER_C_DRIVERS, Deviation.MMAP_LONGER_THAN_SIZE,
            DIFFERENTIAL, DRIVE, SCENARIO),
    PRIVATE_MAPPING_MAPS_FILE("private-mapping-maps-file", "MMAP-PRIVATE", Origin.DRIVER_BUG_5, Deviation.PRIVATE_MAPPING_MAPS_FILE,
            DIFFERENTIAL, DRIVE, SCENARIO),
    NO_INFLIGHT_WAIT("no-inflight-wait", "PINARG-WAIT", Origin.DRIVER_BUG_6, Deviation.NO_INFLIGHT_WAIT,
            SCENARIO, STRESS),
    LEN0_UNDERFLOW_PANICS("len0-underflow-panics", "PINARG-LEN0", Origin.RUST_LEN0_UNDERFLOW, Deviation.LEN0_UNDERFLOW_PANICS,
            DIFFERENTIAL, DRIVE, SCENARIO),
    RIE_BEFORE_CHECK("rie-before-check", "PROT-RIE", Origin.RUST_REWRITE, Deviation.RIE_BEFORE_CHECK,
            DIFFERENTIAL, DRIVE, SCENARIO),
    LEN0_NOT_TRUNCATED("len0-not-truncated", "PINARG-LEN0", Origin.SYNTHETIC, Deviation.LEN0_NOT_TRUNCATED,
            DIFFERENTIAL, DRIVE, SCENARIO),
    ALIGNMENT_UNCHECKED("alignment-unchecked", "PINARG-ALIGN", Origin.SYNTHETIC, Deviation.ALIGNMENT_UNCHECKED,
            DIFFERENTIAL, DRIVE, SCENARIO),
    OVERFLOW_UNCHECKED("overflow-unchecked", "PINARG-OVERFLOW", Origin.SYNTHETIC, Deviation.OVERFLOW_UNCHECKED,
            DIFFERENTIAL, DRIVE, SCENARIO),
    EMPTY_RANGE_REJECTED("empty-range-rejected", "PINARG-EMPTY", Origin.SYNTHETIC, Deviation.EMPTY_RANGE_REJECTED,
            DIFFERENTIAL, DRIVE, SCENARIO),
    MERGES_ADJACENT("merges-adjacent", "UNPIN-ADJACENT", Origin.SYNTHETIC, Deviation.MERGES_ADJACENT,
            DIFFERENTIAL, DRIVE, SCENARIO, MODEL_CHECKER),
    PURGED_NOT_SPREAD("purged-not-spread", "UNPIN-PURGED-SPREAD", Origin.SYNTHETIC, Deviation.PURGED_NOT_SPREAD,
            DIFFERENTIAL, DRIVE, SCENARIO),
    SPLIT_PIECE_IN_PLACE("split-piece-in-place", "PIN-SPLIT-TAIL", Origin.SYNTHETIC, Deviation.SPLIT_PIECE_IN_PLACE,
            DIFFERENTIAL, DRIVE, SCENARIO),
    PIN_FORGETS_LRU_COUNT("pin-forgets-lru-count", "INV-LRU-COUNT", Origin.CHECKER, Deviation.PIN_FORGETS_LRU_COUNT,
            DIFFERENTIAL, DRIVE, SCENARIO, MODEL_CHECKER),
    SCAN_COUNTS_PAGES("scan-counts-pages", "SHRINK-NR", Origin.SYNTHETIC, Deviation.SCAN_COUNTS_PAGES,
            DIFFERENTIAL, DRIVE, SCENARIO),
    PUNCHES_PINNED_PAGE("punches-pinned-page", "INV-PUNCH-PINNED", Origin.SYNTHETIC, Deviation.PUNCHES_PINNED_PAGE,
            DIFFERENTIAL, DRIVE, SCENARIO),
    CLOSE_KEEPS_RANGES("close-keeps-ranges", "CLOSE-RELEASE", Origin.SYNTHETIC, Deviation.CLOSE_KEEPS_RANGES,
            DIFFERENTIAL, DRIVE, SCENARIO),
    SET_NAME_AFTER_MMAP("set-name-after-mmap", "NAME-FILE", Origin.SYNTHETIC, Deviation.SET_NAME_AFTER_MMAP,
            DIFFERENTIAL, DRIVE, SCENARIO),
    PROT_BIT_READDED("prot-bit-readded", "PROT-SUBSET", Origin.SYNTHETIC, Deviation.PROT_BIT_READDED,
            DIFFERENTIAL, DRIVE, SCENARIO),
    GET_NAME_LEAKS("get-name-leaks", "GETNAME-COPY", Origin.INFO_LEAK, Deviation.GET_NAME_LEAKS,
            DIFFERENTIAL, DRIVE, SCENARIO);

    /** Where the counterexample traces live, relative to the repository root. */
    public static final String TRACE_DIRECTORY = "spec/corpus/broken";

    private final String id;
    private final String rule;
    private final Origin origin;
    private final Deviation deviation;
    private final Set<Suite> suites;

    BrokenVariant(String id, String rule, Origin origin, Deviation deviation, Suite first, Suite... rest) {
        this.id = id;
        this.rule = rule;
        this.origin = origin;
        this.deviation = deviation;
        this.suites = EnumSet.of(first, rest);
    }

    /** The stable kebab-case name ({@code --variant NAME}, the trace file's name). */
    public String id() {
        return id;
    }

    /** The spec rule the variant breaks. */
    public String rule() {
        return rule;
    }

    public Origin origin() {
        return origin;
    }

    public Set<Suite> suites() {
        return Set.copyOf(suites);
    }

    public boolean caughtBy(Suite suite) {
        return suites.contains(suite);
    }

    /** The decisions the variant takes: the driver's, with one deviation. */
    public Decisions decisions() {
        return Decisions.of(deviation);
    }

    /** A fresh broken device. */
    public OffHeapAshmem create(int pageSize) {
        return new OffHeapAshmem(pageSize, decisions());
    }

    /** A concurrency bug has no sequential counterexample; every other entry has a trace. */
    public boolean concurrent() {
        return !caughtBy(DRIVE) && caughtBy(STRESS);
    }

    /** The minimal counterexample, relative to the repository root; empty for a concurrency bug. */
    public java.util.Optional<String> traceFile() {
        return concurrent() ? java.util.Optional.empty() : java.util.Optional.of(TRACE_DIRECTORY + "/" + id + ".trace");
    }

    public static List<BrokenVariant> all() {
        return List.of(values());
    }

    /** The entries a suite must catch. */
    public static List<BrokenVariant> forSuite(Suite suite) {
        return Arrays.stream(values()).filter(v -> v.caughtBy(suite)).toList();
    }

    /** The entry of that name. */
    public static BrokenVariant named(String id) {
        for (var v : values()) {
            if (v.id.equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown broken variant '" + id + "'; known: " + names());
    }

    /** Every name, comma separated, in catalogue order. */
    public static String names() {
        return Arrays.stream(values()).map(BrokenVariant::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
