package dev.ashmem.check.scope;

import dev.ashmem.model.Abi;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A bounded scope: what the checker explores exhaustively. Every state reachable from the initial
 * state by the scope's alphabet is visited, except successors beyond the explicit bounds (stacked empty
 * ranges, live mappings, depth), which are counted as pruned.
 *
 * @param name         for reports
 * @param areas        number of area slots, all opened by the setup prefix
 * @param pages        region size in pages set by the setup prefix (size = pages * P)
 * @param pageSize     P (CTX-PAGE)
 * @param sizes        the values SET_SIZE tries (letter SIZE); bytes, u64
 * @param alphabet     the operation letters
 * @param scanMax      k: scans with nrToScan 1..k and 0
 * @param maxEmpty     bound on empty ranges [N..N-1] per area (UNPIN of len 0 at the end stacks them forever)
 * @param maxMappings  bound on live mappings
 * @param initial      how areas start
 * @param maxDepth     0 = unbounded; else states at this depth are not expanded
 * @param symmetry     canonicalise by permuting interchangeable areas
 * @param concurrency  interleave callers' operations with the shrinker's steps (mark, punch, release)
 * @param inflightWait PINARG-WAIT in force (off: the protocol without the wait)
 * @param callers      caller threads (concurrency)
 * @param shrinkers    concurrent shrinker threads (concurrency)
 */
public record Scope(String name, int areas, int pages, int pageSize, List<Long> sizes, Set<Letter> alphabet,
                    int scanMax, int maxEmpty, int maxMappings, Initial initial, int maxDepth, boolean symmetry,
                    boolean concurrency, boolean inflightWait, int callers, int shrinkers) {

    /** Page numbers and page bit masks live in ints: a region with a file has at most this many pages. */
    public static final int MAX_PAGES = 30;

    public Scope {
        sizes = List.copyOf(sizes);
        alphabet = Collections.unmodifiableSet(alphabet.isEmpty() ? EnumSet.noneOf(Letter.class) : EnumSet.copyOf(alphabet));
        if (areas < 1 || areas > 4) {
            throw new IllegalArgumentException("areas must be 1..4: " + areas);
        }
        if (pages < 0 || pages > MAX_PAGES) {
            throw new IllegalArgumentException("pages must be 0.." + MAX_PAGES + ": " + pages);
        }
        if (pageSize != 4096 && pageSize != 16384 && pageSize != 65536) {
            throw new IllegalArgumentException("page size must be 4096, 16384 or 65536 (CTX-PAGE): " + pageSize);
        }
        if (pages == 0 && (initial == Initial.FILE || initial == Initial.MAPPED)) {
            throw new IllegalArgumentException("initial " + initial + " needs pages >= 1");
        }
        for (long s : sizes) {
            if (fileCapable(s) && alignedPages(s, pageSize) > MAX_PAGES) {
                throw new IllegalArgumentException("size " + Long.toUnsignedString(s) + " has more than " + MAX_PAGES
                        + " pages; the kernel encodes pages in ints (sizes above 2^63-1, which never get a file, are fine)");
            }
        }
        if (scanMax < 1) {
            throw new IllegalArgumentException("scan-max must be >= 1");
        }
        if (maxEmpty < 0 || maxEmpty > 4 || maxMappings < 0 || maxMappings > 4) {
            throw new IllegalArgumentException("max-empty and max-mappings must be 0..4");
        }
        if (initial == Initial.MAPPED && maxMappings < areas) {
            throw new IllegalArgumentException("initial MAPPED needs max-mappings >= areas");
        }
        if (maxDepth < 0) {
            throw new IllegalArgumentException("max-depth must be >= 0");
        }
        if (concurrency && (callers < 1 || callers > 3 || shrinkers < 1 || shrinkers > 2)) {
            throw new IllegalArgumentException("concurrency needs callers 1..3 and shrinkers 1..2");
        }
        if (!concurrency && !inflightWait) {
            throw new IllegalArgumentException("switching the in-flight wait off only makes sense with --concurrency");
        }
    }

    /** Page content (hole/data per page) is tracked exactly when writes are in the alphabet. */
    public boolean content() {
        return alphabet.contains(Letter.WRITE);
    }

    /** The shrinker steps run as separate transitions only in the concurrency exploration. */
    public int shrinkerThreads() {
        return concurrency ? shrinkers : 0;
    }

    public int callerThreads() {
        return concurrency ? callers : 1;
    }

    /** Every size value an area can have: 0 (index 0), the setup size, then the SET_SIZE values. */
    public long[] sizeTable() {
        var out = new ArrayList<Long>();
        out.add(0L);
        long initialSize = (long) pages * pageSize;
        if (!out.contains(initialSize)) {
            out.add(initialSize);
        }
        for (long s : sizes) {
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** The largest page count of a region that can have a file; the range of every page argument. */
    public int maxPages() {
        int m = Math.max(1, pages);
        for (long s : sizeTable()) {
            if (fileCapable(s)) {
                m = Math.max(m, (int) alignedPages(s, pageSize));
            }
        }
        return m;
    }

    /** Ranges an area can hold: disjoint non-empty ones plus the bounded stack of empty ones. */
    public int maxRanges() {
        return maxPages() + maxEmpty;
    }

    public static boolean fileCapable(long size) {
        return size != 0 && Long.compareUnsigned(size, Abi.MAX_LFS_FILESIZE) <= 0;
    }

    public static long alignedPages(long size, int pageSize) {
        return Long.divideUnsigned((size + pageSize - 1) & -(long) pageSize, pageSize);
    }

    /** A one-line description for reports. */
    public String describe() {
        var sb = new StringBuilder();
        sb.append(name).append(": ").append(areas).append(" area(s) x ").append(pages).append(" page(s), P=").append(pageSize)
                .append(", initial ").append(initial.name().toLowerCase(java.util.Locale.ROOT))
                .append(", alphabet ").append(Letter.format(alphabet));
        if (alphabet.contains(Letter.SIZE)) {
            sb.append(", sizes ").append(String.join(",", sizes.stream().map(Long::toUnsignedString).toList()));
        }
        if (alphabet.contains(Letter.SCAN)) {
            sb.append(", scan-max ").append(scanMax);
        }
        sb.append(", max-empty ").append(maxEmpty);
        if (maxMappings > 0 || alphabet.contains(Letter.MMAP)) {
            sb.append(", max-mappings ").append(maxMappings);
        }
        if (maxDepth > 0) {
            sb.append(", max-depth ").append(maxDepth);
        }
        if (symmetry) {
            sb.append(", symmetry");
        }
        if (concurrency) {
            sb.append(", concurrency (").append(callers).append(" caller(s), ").append(shrinkers).append(" shrinker(s), in-flight wait ")
                    .append(inflightWait ? "on" : "OFF").append(")");
        }
        return sb.toString();
    }

    /** A mutable copy for overriding single parts. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Overrides one part of a scope at a time (the CLI's flags). */
    public static final class Builder {
        public String name;
        public int areas;
        public int pages;
        public int pageSize;
        public List<Long> sizes;
        public Set<Letter> alphabet;
        public int scanMax;
        public int maxEmpty;
        public int maxMappings;
        public Initial initial;
        public int maxDepth;
        public boolean symmetry;
        public boolean concurrency;
        public boolean inflightWait;
        public int callers;
        public int shrinkers;

        Builder(Scope s) {
            name = s.name;
            areas = s.areas;
            pages = s.pages;
            pageSize = s.pageSize;
            sizes = s.sizes;
            alphabet = EnumSet.noneOf(Letter.class);
            alphabet.addAll(s.alphabet);
            scanMax = s.scanMax;
            maxEmpty = s.maxEmpty;
            maxMappings = s.maxMappings;
            initial = s.initial;
            maxDepth = s.maxDepth;
            symmetry = s.symmetry;
            concurrency = s.concurrency;
            inflightWait = s.inflightWait;
            callers = s.callers;
            shrinkers = s.shrinkers;
        }

        /** Applies overrides and builds. */
        public Scope applyTo(java.util.function.Consumer<Builder> change) {
            change.accept(this);
            return build();
        }

        public Scope build() {
            return new Scope(name, areas, pages, pageSize, sizes, alphabet, scanMax, maxEmpty, maxMappings, initial,
                    maxDepth, symmetry, concurrency, inflightWait, callers, shrinkers);
        }
    }
}
