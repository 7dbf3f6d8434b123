package dev.ashmem.model;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every rule ID that spec/ defines, in spec order (the traceability test keeps this list equal to
 * spec/), and the subsets that a single-threaded run cannot fire.
 */
public final class RuleCatalogue {
    private RuleCatalogue() {
    }

    /** All rules of the spec. */
    public static final List<String> ALL = List.of(
            "CTX-PAGE", "CTX-CALLER", "CTX-PLATFORM", "ARITH-U64", "ARITH-LONG", "HANDLE-NUM", "HANDLE-EBADF",
            "OPEN-AREA", "DUP-HANDLE", "CLOSE-REF", "CLOSE-RELEASE", "CLOSE-MAPPINGS", "IOCTL-UNKNOWN",
            "NAME-EFAULT", "NAME-FILE", "NAME-TRUNC", "NAME-SET", "GETNAME-DEFAULT", "GETNAME-COPY",
            "GETNAME-EFAULT", "SIZE-FILE", "SIZE-SET", "SIZE-GET", "PROT-SUBSET", "PROT-RIE",
            "PROT-SET", "PROT-GET", "PINARG-EFAULT", "PINARG-WAIT", "PINARG-NOFILE", "PINARG-LEN0",
            "PINARG-ALIGN", "PINARG-OVERFLOW", "PINARG-BOUNDS", "PINARG-PAGES", "PINARG-EMPTY", "UNPIN-WALK",
            "UNPIN-SUBSUMED", "UNPIN-MERGE", "UNPIN-PURGED-SPREAD", "UNPIN-ADJACENT", "UNPIN-INSERT", "UNPIN-RET",
            "PIN-WALK", "PIN-CASE-1", "PIN-CASE-2", "PIN-CASE-3", "PIN-CASE-4", "PIN-SPLIT-TAIL",
            "PIN-RET", "STATUS-WALK", "STATUS-RET", "STATUS-EMPTY", "SHRINK-COUNT", "SHRINK-NOFS",
            "SHRINK-TRYLOCK", "SHRINK-ORDER", "SHRINK-MARK", "SHRINK-PUNCH", "SHRINK-PUNCH-EXTENT", "SHRINK-NR",
            "SHRINK-RET", "SHRINK-KEEP", "PURGE-EPERM", "PURGE-RET", "PURGE-SCAN", "MMAP-ENTRY", "MMAP-SYSCALL",
            "MMAP-NOSIZE", "MMAP-SIZE", "MMAP-PROT", "MMAP-MAY", "MMAP-FILE-EINVAL", "MMAP-FILE",
            "MMAP-SHARED", "MMAP-PRIVATE", "MMAP-OFFSET", "MMAP-ID", "MUNMAP-REMOVE", "MPROTECT-MAY",
            "MEM-BOUNDS", "MEM-RIGHTS", "MEM-EOF", "MEM-SHARED", "MEM-PRIVATE", "READ-SYSCALL",
            "READ-EOF", "READ-NOFILE", "READ-DATA", "SEEK-WHENCE", "SEEK-NOSIZE", "SEEK-NOFILE",
            "SEEK-SET", "SEEK-CUR", "SEEK-END", "SEEK-DATA", "SEEK-HOLE", "SEEK-POS",
            "CONC-MUTEX", "CONC-UNLOCKED", "CONC-PUNCH-UNLOCKED", "CONC-INFLIGHT", "INV-ORDER", "INV-BOUNDS",
            "INV-LRU-IFF", "INV-LRU-COUNT", "INV-LRU-AREA", "INV-FILE-FIXED", "INV-MASK", "INV-PUNCH-PINNED");

    /** Rules about interleavings: a sequential caller never observes them (jcstress and the checker do). */
    public static final Set<String> CONCURRENCY_ONLY = Set.of(
            "PINARG-WAIT", "SHRINK-TRYLOCK", "CONC-MUTEX", "CONC-UNLOCKED", "CONC-PUNCH-UNLOCKED");

    /** Rules that operations apply; the invariants (INV-*) are checked on states instead. */
    public static final Set<String> OPERATIONAL = ALL.stream()
            .filter(id -> !id.startsWith("INV-"))
            .collect(Collectors.toUnmodifiableSet());

    /** What a sequential differential run must see fire: operational rules that need no interleaving. */
    public static final Set<String> SEQUENTIAL = OPERATIONAL.stream()
            .filter(id -> !CONCURRENCY_ONLY.contains(id))
            .collect(Collectors.toUnmodifiableSet());
}
