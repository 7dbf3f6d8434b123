package dev.ashmem.model;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The facts of the kernel's generic layer that depend on the architecture (spec CTX-PLATFORM), an
 * explicit context value like the page size: the model takes them as inputs instead of assuming one
 * machine. The defaults are read in Linux 5.15; the spec gives each source.
 *
 * @param name             a label for reports; for the platforms {@link #parse} knows, their word
 *                         ("x86-64", "x86-64+pku", "arm64", "arm64-va48+epan")
 * @param taskSize         TASK_SIZE, the user address space: a longer mapping is ENOMEM (MMAP-SYSCALL;
 *                         get_unmapped_area in mm/mmap.c)
 * @param mprotectBits     the prot bits mprotect's arch_validate_prot accepts (MPROTECT-MAY); mmap
 *                         checks none
 * @param writeImpliesRead a mapping with WRITE can be read whatever its READ bit (MEM-RIGHTS): the
 *                         architecture has no write-only page
 * @param execImpliesRead  a mapping with EXEC can be read whatever its READ bit (MEM-RIGHTS): no
 *                         execute-only page (false on x86-64 with protection keys, on arm64 from 5.13
 *                         with Enhanced PAN)
 */
public record Platform(String name, long taskSize, int mprotectBits, boolean writeImpliesRead, boolean execImpliesRead) {
    /**
     * x86-64, 4-level paging, no protection keys: the spec's default. TASK_SIZE_MAX is 2^47 - 4096
     * (arch/x86/include/asm/page_64_types.h); arch_validate_prot is the generic one (rwx and PROT_SEM,
     * include/linux/mman.h); protection_map has no write-only or execute-only page
     * (arch/x86/include/asm/pgtable_types.h).
     */
    public static final Platform X86_64 = new Platform("x86-64", Abi.TASK_SIZE, Prot.ALL | Prot.SEM, true, true);
    /**
     * arm64 as Android's GKI builds it with 4 KiB pages: VA_BITS is the Kconfig default, 39, since
     * gki_defconfig sets none; a CPU without BTI, MTE or Enhanced PAN. See {@link #arm64(int)}.
     */
    public static final Platform ARM64 = arm64(39);

    /**
     * arm64 with {@code vaBits}-bit user addresses (CONFIG_ARM64_VA_BITS: 39, 42, 47, 48 or 52) on a CPU
     * without BTI, MTE or Enhanced PAN. TASK_SIZE_64 is 1 << vabits_actual (arch/arm64/include/asm/processor.h;
     * 52 only on a CPU with 52-bit addressing); arch_validate_prot accepts rwx and PROT_SEM, PROT_BTI and
     * PROT_MTE only where the CPU has them (arch/arm64/include/asm/mman.h); __P010/__S010 are the readable
     * PAGE_READONLY/PAGE_SHARED (arch/arm64/include/asm/pgtable-prot.h), and arch_filter_pgprot makes
     * __P100/__S100's PAGE_EXECONLY readable without Enhanced PAN (arch/arm64/include/asm/pgtable.h).
     */
    public static Platform arm64(int vaBits) {
        return arm64(vaBits, false, false, false);
    }

    /**
     * x86-64 with 4-level paging, on a CPU with protection keys ({@code pku}, with the kernel's OSPKE) or
     * without: do_mmap gives a {@code prot == PROT_EXEC} mapping the execute-only key (execute_only_pkey,
     * arch/x86/mm/pkeys.c) and mprotect does the same (arch_override_mprotect_pkey), so such a mapping
     * cannot be read.
     */
    public static Platform x86_64(boolean pku) {
        return pku ? new Platform("x86-64+pku", Abi.TASK_SIZE, Prot.ALL | Prot.SEM, true, false) : X86_64;
    }

    /**
     * arm64 with {@code vaBits}-bit user addresses on a CPU with or without BTI and MTE (arch_validate_prot
     * then accepts PROT_BTI 0x10 and PROT_MTE 0x20) and Enhanced PAN (then PROT_EXEC alone is execute-only,
     * from 5.13: arch_filter_pgprot).
     */
    public static Platform arm64(int vaBits, boolean bti, boolean mte, boolean epan) {
        if (vaBits != 39 && vaBits != 42 && vaBits != 47 && vaBits != 48 && vaBits != 52) {
            throw new IllegalArgumentException("arm64 has 39, 42, 47, 48 or 52-bit virtual addresses, not " + vaBits);
        }
        String word = "arm64" + (vaBits == 39 ? "" : "-va" + vaBits) + (bti ? "+bti" : "") + (mte ? "+mte" : "")
                + (epan ? "+epan" : "");
        return new Platform(word, 1L << vaBits, Prot.ALL | Prot.SEM | (bti ? 0x10 : 0) | (mte ? 0x20 : 0), true, !epan);
    }

    /**
     * The platform a word names, as a trace header and the command line write it:
     * {@code x86-64[+pku]} or {@code arm64[-vaN][+bti][+mte][+epan]} (N: 39, the default, 42, 47, 48 or 52;
     * features in any order, each once).
     */
    public static Platform parse(String word) {
        var parts = word.split("\\+", -1);
        var features = new HashSet<String>();
        for (int i = 1; i < parts.length; i++) {
            if (!features.add(parts[i])) {
                throw new IllegalArgumentException("platform '" + word + "' names " + parts[i] + " twice");
            }
        }
        String base = parts[0];
        if (base.equals("x86-64") && Set.of("pku").containsAll(features)) {
            return x86_64(features.contains("pku"));
        }
        if ((base.equals("arm64") || base.matches("arm64-va(39|42|47|48|52)")) && Set.of("bti", "mte", "epan").containsAll(features)) {
            int vaBits = base.equals("arm64") ? 39 : Integer.parseInt(base.substring("arm64-va".length()));
            return arm64(vaBits, features.contains("bti"), features.contains("mte"), features.contains("epan"));
        }
        throw new IllegalArgumentException("unknown platform '" + word + "'; known: x86-64[+pku], arm64[-vaN][+bti][+mte][+epan]"
                + " with N one of 39, 42, 47, 48, 52");
    }

    public Platform {
        Objects.requireNonNull(name, "name");
        if (taskSize <= 0) {
            throw new IllegalArgumentException("TASK_SIZE must be positive: " + taskSize);
        }
        if ((mprotectBits & Prot.ALL) != Prot.ALL) {
            throw new IllegalArgumentException("mprotect must accept rwx: 0x" + Integer.toHexString(mprotectBits));
        }
    }

    /** Whether a load through a mapping of current prot {@code prot} reads (MEM-RIGHTS). */
    public boolean readable(int prot) {
        return (prot & Prot.READ) != 0
                || writeImpliesRead && (prot & Prot.WRITE) != 0
                || execImpliesRead && (prot & Prot.EXEC) != 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
