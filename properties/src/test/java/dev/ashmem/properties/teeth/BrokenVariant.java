package dev.ashmem.properties.teeth;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.PageSpan;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Deliberately broken versions of the reference implementation, each one realistic mistake: the real
 * bugs of the driver's history that a single process can show, and synthetic ones. Each overrides
 * exactly one decision of {@link OffHeapAshmem}. The suite must catch every one of them.
 */
public record BrokenVariant(String name, String rule, String origin, IntFunction<OffHeapAshmem> factory) {

    @Override
    public String toString() {
        return name;
    }

    public static final List<BrokenVariant> ALL = List.of(
            // Real bugs of the driver's history.
            new BrokenVariant("mprotect not limited by the mask", "MMAP-MAY", "CVE-2011-1149", p -> new OffHeapAshmem(p) {
                @Override
                protected int mayRights(long protMask) {
                    return 7;
                }
            }),
            new BrokenVariant("SET_SIZE allowed after mmap", "SIZE-FILE", "CVE-2017-13216", p -> new OffHeapAshmem(p) {
                @Override
                protected boolean setSizeAllowed(boolean hasFile) {
                    return true;
                }
            }),
            new BrokenVariant("mmap longer than the aligned size", "MMAP-SIZE", "older C drivers", p -> new OffHeapAshmem(p) {
                @Override
                protected boolean mmapLengthAllowed(long mapLength, long alignedSize) {
                    return true;
                }
            }),
            new BrokenVariant("private mappings not anonymous", "MMAP-PRIVATE", "private mappings faulted", p -> new OffHeapAshmem(p) {
                @Override
                protected boolean privateMappingIsAnonymous() {
                    return false;
                }
            }),
            new BrokenVariant("len 0 underflows when offset > size", "PINARG-LEN0", "Rust rewrite", p -> new OffHeapAshmem(p) {
                @Override
                protected long lenToEnd(long alignedSize, long offset) {
                    if (Long.compareUnsigned(offset, alignedSize) > 0) {
                        throw new ArithmeticException("attempt to subtract with overflow"); // the Rust panic
                    }
                    return super.lenToEnd(alignedSize, offset);
                }
            }),
            // Synthetic mistakes.
            new BrokenVariant("adjacent ranges merged", "UNPIN-ADJACENT", "synthetic", p -> new OffHeapAshmem(p) {
                @Override
                protected boolean mergeAdjacent() {
                    return true;
                }
            }),
            new BrokenVariant("purged flag not spread on merge", "UNPIN-PURGED-SPREAD", "synthetic", p -> new OffHeapAshmem(p) {
                @Override
                protected boolean mergePurged(boolean accumulated, boolean swallowed) {
                    return accumulated;
                }
            }),
            new BrokenVariant("split-off piece kept in place in the LRU", "PIN-SPLIT-TAIL", "synthetic", p -> new OffHeapAshmem(p) {
                @Override
                protected boolean splitPieceToLruTail() {
                    return false;
                }
            }),
            new BrokenVariant("nrToScan counted per page", "SHRINK-NR", "synthetic", p -> new OffHeapAshmem(p) {
                @Override
                protected long scanRemaining(long nrToScan, long rangePages) {
                    return Long.compareUnsigned(nrToScan, rangePages) <= 0 ? 0 : nrToScan - rangePages;
                }
            }),
            new BrokenVariant("len 0 not truncated to u32", "PINARG-LEN0", "synthetic", p -> new OffHeapAshmem(p) {
                @Override
                protected long lenToEnd(long alignedSize, long offset) {
                    return alignedSize - offset;
                }
            }),
            new BrokenVariant("the empty range rejected", "PINARG-EMPTY", "synthetic", p -> new OffHeapAshmem(p) {
                @Override
                protected boolean emptyRequestAllowed() {
                    return false;
                }
            }),
            new BrokenVariant("alignment check skipped", "PINARG-ALIGN", "synthetic", p -> new OffHeapAshmem(p) {
                @Override
                protected boolean pinArgAligned(long offset, long len) {
                    return true;
                }
            }),
            new BrokenVariant("u32 overflow check missing", "PINARG-OVERFLOW", "synthetic", p -> new OffHeapAshmem(p) {
                @Override
                protected boolean pinArgOverflows(long offset, long len) {
                    return false;
                }
            }),
            new BrokenVariant("SET_NAME allowed after mmap", "NAME-FILE", "synthetic", p -> new OffHeapAshmem(p) {
                @Override
                protected boolean setNameAllowed(boolean hasFile) {
                    return true;
                }
            }),
            new BrokenVariant("a prot bit re-addable", "PROT-SUBSET", "synthetic", p -> new OffHeapAshmem(p) {
                @Override
                protected boolean protMaskChangeAllowed(long mask, long prot) {
                    return (prot & ~7L) == 0;
                }
            }),
            new BrokenVariant("READ_IMPLIES_EXEC applied before the check", "PROT-RIE", "Rust rewrite", p -> new OffHeapAshmem(p) {
                @Override
                protected boolean readImpliesExecBeforeCheck() {
                    return true;
                }
            }),
            new BrokenVariant("GET_NAME returning more than the name", "GETNAME-COPY", "info leak", p -> new OffHeapAshmem(p) {
                @Override
                protected int nameCopyOutLength(int nameLength) {
                    return 256;
                }
            }),
            new BrokenVariant("pinned pages punched by the shrinker", "SHRINK-PUNCH-EXTENT", "synthetic", p -> new OffHeapAshmem(p) {
                @Override
                protected PageSpan punchExtent(long start, long end, long pageCount) {
                    var span = super.punchExtent(start, end, pageCount);
                    return span.isEmpty() ? span : new PageSpan(span.first(), Math.min(span.end() + 1, pageCount));
                }
            }),
            new BrokenVariant("close leaving ranges on the LRU", "CLOSE-RELEASE", "synthetic", p -> new OffHeapAshmem(p) {
                @Override
                protected boolean releaseDropsRanges() {
                    return false;
                }
            }));
}
