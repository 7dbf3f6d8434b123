package dev.ashmem.impl.host;

import dev.ashmem.model.HostPlatform;
import dev.ashmem.model.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The kernel the tests run on: its release, its architecture and the generic-layer facts (spec
 * CTX-PLATFORM) that follow from the architecture and the CPU's features ({@link HostPlatform}).
 *
 * @param release  {@code uname -r}
 * @param arch     {@code uname -m}, as the JVM names it
 * @param platform the model's context for this host, or empty when the spec has no defaults for the arch
 */
record HostKernel(String release, String arch, Optional<Platform> platform) {

    static HostKernel detect() {
        String release = read("/proc/sys/kernel/osrelease").orElse(System.getProperty("os.version")).strip();
        String arch = System.getProperty("os.arch");
        return new HostKernel(release, arch, HostPlatform.of(arch, HostPlatform.cpuFlags(read("/proc/cpuinfo").orElse("")), release,
                read("/proc/self/maps").orElse("")));
    }

    @Override
    public String toString() {
        return "Linux " + release + " " + arch + platform.map(p -> " (platform " + p.name() + ", execImpliesRead "
                + p.execImpliesRead() + ", mprotect bits 0x" + Integer.toHexString(p.mprotectBits()) + ")").orElse("");
    }

    private static Optional<String> read(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path)));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
