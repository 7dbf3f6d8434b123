package dev.ashmem.impl.host;

import dev.ashmem.model.Abi;
import dev.ashmem.model.Platform;
import dev.ashmem.model.Prot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kernel the tests run on: its release, its architecture and the generic-layer facts (spec
 * CTX-PLATFORM) that follow from the architecture and the CPU's features.
 *
 * @param release  {@code uname -r}
 * @param arch     {@code uname -m}, as the JVM names it
 * @param platform the model's context for this host, or empty when the spec has no defaults for the arch
 */
record HostKernel(String release, String arch, Optional<Platform> platform) {

    static HostKernel detect() {
        String release = read("/proc/sys/kernel/osrelease").orElse(System.getProperty("os.version")).strip();
        String arch = System.getProperty("os.arch");
        var flags = cpuFlags();
        Optional<Platform> platform = switch (arch) {
            // Protection keys give PROT_EXEC-only mappings an execute-only key (do_mmap, execute_only_pkey).
            case "amd64", "x86_64" -> Optional.of(new Platform("x86-64", Abi.TASK_SIZE, Prot.ALL | Prot.SEM, true,
                    !(flags.contains("pku") && flags.contains("ospke"))));
            // TASK_SIZE follows VA_BITS, a build choice; arch_validate_prot accepts PROT_BTI (0x10) and
            // PROT_MTE (0x20) where the CPU has them; from 5.13 a CPU with Enhanced PAN gets execute-only
            // pages (arch_filter_pgprot). Spec CTX-PLATFORM.
            case "aarch64" -> Optional.of(new Platform("arm64", Platform.arm64(arm64VaBits(read("/proc/self/maps").orElse(""))).taskSize(),
                    Prot.ALL | Prot.SEM | (flags.contains("bti") ? 0x10 : 0) | (flags.contains("mte") ? 0x20 : 0),
                    true, !(flags.contains("epan") && atLeast(release, 5, 13))));
            default -> Optional.empty();
        };
        return new HostKernel(release, arch, platform);
    }

    /**
     * arm64's VA_BITS as a process's own mappings show it: the stack sits right below DEFAULT_MAP_WINDOW,
     * 1 << VA_BITS (arch/arm64/include/asm/processor.h), so the smallest width that holds the highest mapping.
     * 48 also for a 52-bit kernel on a CPU without 52-bit addressing, whose mappings stay below 2^48 too.
     */
    static int arm64VaBits(String maps) {
        long top = maps.lines().filter(l -> l.indexOf('-') > 0)
                .mapToLong(l -> Long.parseUnsignedLong(l.substring(l.indexOf('-') + 1, l.indexOf(' ')), 16))
                .max().orElse(0);
        for (int bits : new int[] {39, 42, 47, 48}) {
            if (Long.compareUnsigned(top, 1L << bits) <= 0) {
                return bits;
            }
        }
        return 52;
    }

    /** Whether release ("6.18.44-x") is at least major.minor. */
    static boolean atLeast(String release, int major, int minor) {
        var parts = release.split("[.-]");
        int ma = Integer.parseInt(parts[0]);
        int mi = Integer.parseInt(parts[1]);
        return ma > major || ma == major && mi >= minor;
    }

    @Override
    public String toString() {
        return "Linux " + release + " " + arch + platform.map(p -> " (platform " + p.name() + ", execImpliesRead "
                + p.execImpliesRead() + ", mprotect bits 0x" + Integer.toHexString(p.mprotectBits()) + ")").orElse("");
    }

    private static Set<String> cpuFlags() {
        return read("/proc/cpuinfo").stream()
                .flatMap(s -> s.lines())
                .filter(l -> l.startsWith("flags") || l.startsWith("Features"))
                .flatMap(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).trim().split("\\s+")))
                .collect(Collectors.toSet());
    }

    private static Optional<String> read(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path)));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
