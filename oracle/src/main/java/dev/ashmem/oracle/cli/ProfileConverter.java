package dev.ashmem.oracle.cli;

import dev.ashmem.trace.Profile;
import picocli.CommandLine;

/** {@code --profile WORD}: a {@link Profile}'s word ({@link ProfileCandidates} lists them). */
public final class ProfileConverter implements CommandLine.ITypeConverter<Profile> {
    @Override
    public Profile convert(String value) {
        try {
            return Profile.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
