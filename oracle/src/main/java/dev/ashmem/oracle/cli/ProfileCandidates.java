package dev.ashmem.oracle.cli;

import dev.ashmem.trace.Profile;
import java.util.Arrays;
import java.util.Iterator;

/** The words {@code --profile} takes, from the enum itself, for ${COMPLETION-CANDIDATES} in the help. */
public final class ProfileCandidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(Profile.values()).map(Profile::word).iterator();
    }
}
