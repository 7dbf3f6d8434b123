package dev.ashmem.oracle.cli;

import dev.ashmem.model.Platform;
import dev.ashmem.oracle.HostMachine;
import picocli.CommandLine;

/** {@code --platform WORD}: a trace header's platform word, or {@code host} for the machine this runs on. */
public final class PlatformConverter implements CommandLine.ITypeConverter<Platform> {
    /** For --help. */
    public static final String HELP = "x86-64[+pku], arm64[-vaN][+bti][+mte][+epan] or host (this machine's; spec CTX-PLATFORM)";

    @Override
    public Platform convert(String value) {
        try {
            return HostMachine.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
