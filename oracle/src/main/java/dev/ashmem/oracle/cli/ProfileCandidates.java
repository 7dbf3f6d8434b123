package dev.ashmem.oracle.cli;

import dev.ashmem.trace.Profile;
import java.util.Arrays;
import java.util.Iterator;

/** The profile names for {@code --profile} help and completion, taken from the {@link Profile} enum. */
public final class ProfileCandidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(Profile.values()).map(Profile::word).iterator();
    }
}
