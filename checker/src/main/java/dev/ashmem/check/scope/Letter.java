package dev.ashmem.check.scope;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * One switchable part of the operation alphabet. A scope's alphabet is a set of letters; each letter
 * expands to concrete operations for every area, mapping slot or shrinker of the scope (see {@link Alphabet}).
 */
public enum Letter {
    /** ASHMEM_PIN of every aligned (offset, len) pair with len > 0 inside the largest region. */
    PIN("ASHMEM_PIN of every aligned (offset, len), len > 0"),
    /** ASHMEM_UNPIN of the same pairs. */
    UNPIN("ASHMEM_UNPIN of every aligned (offset, len), len > 0"),
    /** ASHMEM_GET_PIN_STATUS of the same pairs. */
    STATUS("ASHMEM_GET_PIN_STATUS of every aligned (offset, len), len > 0"),
    /** len 0 ("to the end") at every page offset, including offset = PAGE_ALIGN(size): empty ranges. */
    ZERO("len 0 at every page offset (PINARG-LEN0, PINARG-EMPTY), for each of pin/unpin/status"),
    /** A misaligned offset and a misaligned len (PINARG-ALIGN). */
    MISALIGNED("misaligned offset and len (PINARG-ALIGN), for each of pin/unpin/status"),
    /** u32 overflow of offset + len and a request past the region (PINARG-OVERFLOW, PINARG-BOUNDS). */
    OVERFLOW("offset+len overflowing u32, and past the region (PINARG-OVERFLOW, PINARG-BOUNDS)"),
    /** An unreadable argument (PINARG-EFAULT). */
    EFAULT("unreadable argument (PINARG-EFAULT), for each of pin/unpin/status"),
    /** shrinker scan with nrToScan 1..k and 0 (SHRINK-NR). */
    SCAN("shrinker scan_objects with nrToScan 1..k and 0"),
    /** shrinker scan without __GFP_FS (SHRINK-NOFS). */
    NOFS("shrinker scan_objects without __GFP_FS"),
    /** PURGE_ALL_CACHES with and without CAP_SYS_ADMIN. */
    PURGE("PURGE_ALL_CACHES with and without CAP_SYS_ADMIN"),
    /** mmap with a few chosen lengths, prots, shared/private and offsets. */
    MMAP("mmap: 1 page / whole / too long, rw / r, shared / private, offset 0 / past EOF"),
    /** munmap of each live mapping. */
    MUNMAP("munmap of each live mapping"),
    /** mprotect of each live mapping to r, rw, rwx. */
    MPROTECT("mprotect of each live mapping to r, rw, rwx"),
    /** A one-byte store at the start of each page of each live mapping (page content: hole/data). */
    WRITE("a store at each page of each live mapping; turns on page content (hole/data)"),
    /** close of each open area and reopen (open) of each closed area slot. */
    CLOSE("close of each open area, open of each closed area slot"),
    /** SET_PROT_MASK with each mask 0..7 and one with a bit outside rwx. */
    PROT("SET_PROT_MASK with each mask 0..7 and 8"),
    /** SET_PROT_MASK 0..7 by a READ_IMPLIES_EXEC caller (PROT-RIE). */
    RIE("SET_PROT_MASK 0..7 by a READ_IMPLIES_EXEC caller"),
    /** SET_SIZE with each size value of the scope. */
    SIZE("SET_SIZE with each size value of the scope");

    private final String description;

    Letter(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The flag spelling: lower case. */
    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "pin,unpin,status,scan"; "all" means every letter. */
    public static Set<Letter> parse(String list) {
        var out = EnumSet.noneOf(Letter.class);
        for (var part : list.split(",")) {
            var p = part.strip().toUpperCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            if (p.equals("ALL")) {
                out.addAll(EnumSet.allOf(Letter.class));
                continue;
            }
            try {
                out.add(Letter.valueOf(p));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown alphabet part '" + part.strip() + "'; known: "
                        + String.join(",", EnumSet.allOf(Letter.class).stream().map(Letter::flag).toList()));
            }
        }
        return out;
    }

    public static String format(Set<Letter> letters) {
        return String.join(",", letters.stream().sorted().map(Letter::flag).toList());
    }
}
