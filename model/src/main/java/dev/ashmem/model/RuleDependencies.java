package dev.ashmem.model;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The context, concurrency and invariant rules that an operational rule relies on without the model
 * being able to see them happen: the page size and caller it consults, the mutex or unlocked step it
 * runs in, the invariant its walk or count depends on. {@link AshmemModel#lastRules()} plus this table
 * ({@link #complete}) names every rule behind one step; the oracle reports exactly that. Each line
 * below reads the spec section it cites; the dependencies are transitive (PINARG-WAIT waits under
 * CONC-MUTEX for CONC-INFLIGHT).
 */
public final class RuleDependencies {
    private static final Map<String, Set<String>> RELIES_ON = new LinkedHashMap<>();

    static {
        // 1.1 CTX-PAGE: page indexes, page alignment and P-sized extents.
        supports("CTX-PAGE", "PINARG-ALIGN", "PINARG-PAGES", "MMAP-SYSCALL", "MMAP-OFFSET", "MEM-EOF", "MEM-SHARED",
                "SHRINK-PUNCH-EXTENT", "SEEK-DATA", "SEEK-HOLE");
        // 1.2 CTX-CALLER: the only rules that consult capSysAdmin, readImpliesExec and mayEnterFs.
        supports("CTX-CALLER", "PURGE-EPERM", "PURGE-SCAN", "PROT-RIE", "MMAP-PROT", "MPROTECT-MAY", "SHRINK-NOFS");
        // 8 CONC-MUTEX: the locked sections.
        supports("CONC-MUTEX", "NAME-FILE", "NAME-SET", "GETNAME-DEFAULT", "GETNAME-COPY", "SIZE-FILE", "SIZE-SET",
                "PROT-SUBSET", "PROT-RIE", "PROT-SET", "PINARG-WAIT", "MMAP-NOSIZE", "MMAP-SIZE", "MMAP-PROT", "MMAP-MAY",
                "MMAP-FILE-EINVAL", "MMAP-FILE", "MMAP-SHARED", "MMAP-PRIVATE", "READ-EOF", "READ-NOFILE", "READ-DATA",
                "SEEK-NOSIZE", "SEEK-NOFILE", "CLOSE-RELEASE", "SHRINK-MARK", "SHRINK-NR", "SHRINK-TRYLOCK");
        // 8 CONC-UNLOCKED: unlocked reads, copies to and from user memory, the file read and the seek.
        supports("CONC-UNLOCKED", "SIZE-GET", "PROT-GET", "SHRINK-COUNT", "PURGE-RET", "NAME-EFAULT", "NAME-TRUNC",
                "GETNAME-EFAULT", "PINARG-EFAULT", "READ-DATA", "SEEK-SET", "SEEK-CUR", "SEEK-END", "SEEK-DATA",
                "SEEK-HOLE", "CLOSE-RELEASE");
        // 8 CONC-PUNCH-UNLOCKED: the punch runs with no ashmem lock held.
        supports("CONC-PUNCH-UNLOCKED", "SHRINK-PUNCH", "SHRINK-PUNCH-EXTENT");
        // 8 CONC-PUNCH-UNLOCKED steps 2 and 7: a scan marks and counts only after its trylock succeeded.
        supports("SHRINK-TRYLOCK", "SHRINK-MARK", "SHRINK-NR", "SHRINK-RET");
        // 4.1 PINARG-WAIT: every later check and the whole walk run in its locked section.
        supports("PINARG-WAIT", "PINARG-NOFILE", "PINARG-LEN0", "PINARG-ALIGN", "PINARG-OVERFLOW", "PINARG-BOUNDS",
                "PINARG-PAGES");
        // 8 CONC-INFLIGHT: the wait of PINARG-WAIT is for the in-flight count.
        supports("CONC-INFLIGHT", "PINARG-WAIT");
        // 9.1 INV-ORDER: the walks stop at the first range below s; insertion keeps the order.
        supports("INV-ORDER", "PIN-WALK", "UNPIN-WALK", "STATUS-WALK", "UNPIN-INSERT", "UNPIN-ADJACENT");
        // 9.1 INV-BOUNDS: empty ranges from empty requests, wrapped pieces from PIN-CASE-2 and -4.
        supports("INV-BOUNDS", "PINARG-EMPTY", "UNPIN-INSERT", "PIN-CASE-2", "PIN-CASE-4");
        // 9.1 INV-LRU-IFF: what joins or leaves the LRU with the purged flag.
        supports("INV-LRU-IFF", "UNPIN-INSERT", "UNPIN-PURGED-SPREAD", "PIN-SPLIT-TAIL", "SHRINK-MARK", "SHRINK-KEEP");
        // 9.1 INV-LRU-COUNT: what reads or changes lruCount.
        supports("INV-LRU-COUNT", "SHRINK-COUNT", "PURGE-RET", "UNPIN-INSERT", "PIN-CASE-1", "PIN-CASE-2", "PIN-CASE-3",
                "PIN-CASE-4", "SHRINK-MARK", "CLOSE-RELEASE");
        // 9.1 INV-LRU-AREA: releasing an area takes its ranges off the LRU.
        supports("INV-LRU-AREA", "CLOSE-RELEASE");
        // 9.1 INV-FILE-FIXED: size and name are fixed from the file's creation.
        supports("INV-FILE-FIXED", "MMAP-FILE", "NAME-FILE", "SIZE-FILE");
        // 9.1 INV-MASK: masks only shrink; may-rights are the mask at mmap time.
        supports("INV-MASK", "PROT-SUBSET", "PROT-RIE", "PROT-SET", "MMAP-MAY", "MPROTECT-MAY");
        // 9.1 INV-PUNCH-PINNED: the punched range stays listed and unpinned while the punch runs.
        supports("INV-PUNCH-PINNED", "SHRINK-KEEP", "SHRINK-PUNCH-EXTENT");
    }

    private RuleDependencies() {
    }

    private static void supports(String supporting, String... rules) {
        for (String r : rules) {
            RELIES_ON.computeIfAbsent(r, k -> new LinkedHashSet<>()).add(supporting);
        }
    }

    /** The table: rule -> the rules it relies on directly. */
    public static Map<String, Set<String>> table() {
        var out = new LinkedHashMap<String, Set<String>>();
        RELIES_ON.forEach((k, v) -> out.put(k, Set.copyOf(v)));
        return Map.copyOf(out);
    }

    /** The rules {@code rule} relies on, directly or through others. */
    public static Set<String> of(String rule) {
        var out = new LinkedHashSet<String>();
        var todo = new ArrayDeque<>(RELIES_ON.getOrDefault(rule, Set.of()));
        while (!todo.isEmpty()) {
            String r = todo.poll();
            if (out.add(r)) {
                todo.addAll(RELIES_ON.getOrDefault(r, Set.of()));
            }
        }
        return out;
    }

    /** The fired rules and every rule they rely on, once each, in catalogue (spec) order. */
    public static List<String> complete(Collection<String> fired) {
        var all = new LinkedHashSet<String>(fired);
        fired.forEach(r -> all.addAll(of(r)));
        return all.stream().sorted(Comparator.comparingInt(RuleDependencies::order)).toList();
    }

    private static int order(String id) {
        int i = RuleCatalogue.ALL.indexOf(id);
        return i < 0 ? RuleCatalogue.ALL.size() : i;
    }
}
