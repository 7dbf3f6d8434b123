package dev.ashmem.oracle;

import dev.ashmem.model.HostPlatform;
import dev.ashmem.model.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The machine the oracle runs on, as far as the model cares: its platform (CTX-PLATFORM) read from /proc. */
public final class HostMachine {
    private HostMachine() {
    }

    /** This machine's platform, or empty when the spec has no defaults for its architecture. */
    public static Optional<Platform> platform() {
        String release = read("/proc/sys/kernel/osrelease").orElse(System.getProperty("os.version")).strip();
        return HostPlatform.of(System.getProperty("os.arch"), HostPlatform.cpuFlags(read("/proc/cpuinfo").orElse("")), release,
                read("/proc/self/maps").orElse(""));
    }

    /** A platform word, or {@code host} for this machine's; IllegalArgumentException for neither. */
    public static Platform parse(String word) {
        return HostPlatform.parse(word, System.getProperty("os.arch"), HostMachine::platform);
    }

    private static Optional<String> read(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path)));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
