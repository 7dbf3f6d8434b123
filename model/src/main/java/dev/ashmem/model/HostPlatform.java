package dev.ashmem.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The generic-layer facts (spec CTX-PLATFORM) of a Linux host, from what it tells about itself: its
 * architecture, its CPU's features (/proc/cpuinfo), its release and a process's mappings (/proc/self/maps).
 * The caller reads those; this decides what they mean, so that every tool that runs on real memory agrees.
 */
public final class HostPlatform {
    private HostPlatform() {
    }

    /**
     * The platform {@code word} names ({@link Platform#parse}), or for {@code host} the one {@code host}
     * supplies (empty: the spec has no defaults for this host's architecture {@code arch}); an unknown word
     * or such a host is an IllegalArgumentException.
     */
    public static Platform parse(String word, String arch, Supplier<Optional<Platform>> host) {
        if (!word.equals("host")) {
            return Platform.parse(word);
        }
        return host.get().orElseThrow(() -> new IllegalArgumentException("platform host: the spec has no generic-layer defaults for this"
                + " host's architecture (" + arch + "); name one of x86-64[+pku], arm64[-vaN][+bti][+mte][+epan]"));
    }

    /**
     * The platform of a host with architecture {@code arch} (as the JVM names it), CPU flags {@code flags}
     * (/proc/cpuinfo, {@link #cpuFlags}), kernel {@code release} and a process's {@code maps}; empty when the
     * spec has no defaults for the architecture.
     */
    public static Optional<Platform> of(String arch, Set<String> flags, String release, String maps) {
        return switch (arch) {
            // pku: the CPU has protection keys; ospke: the kernel turned them on (CONFIG_X86_INTEL_MEMORY_PROTECTION_KEYS).
            case "amd64", "x86_64" -> Optional.of(Platform.x86_64(flags.contains("pku") && flags.contains("ospke")));
            // TASK_SIZE follows VA_BITS, a build choice; BTI and MTE prots where the CPU has them; Enhanced PAN's
            // execute-only pages from 5.13 (arch_filter_pgprot).
            case "aarch64" -> Optional.of(Platform.arm64(arm64VaBits(maps), flags.contains("bti"), flags.contains("mte"),
                    flags.contains("epan") && atLeast(release, 5, 13)));
            default -> Optional.empty();
        };
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

    /** The CPU's feature flags in /proc/cpuinfo's text (x86's 'flags', arm64's 'Features' lines). */
    public static Set<String> cpuFlags(String cpuinfo) {
        return cpuinfo.lines()
                .filter(l -> l.startsWith("flags") || l.startsWith("Features"))
                .flatMap(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).trim().split("\\s+")))
                .collect(Collectors.toSet());
    }
}
