package dev.ashmem.oracle.replay;

import dev.ashmem.trace.Difference;
import dev.ashmem.trace.Profile;
import java.util.List;

/**
 * How another profile fares on a trace that diverged from the expected one.
 *
 * @param profile        the other profile
 * @param matchesLine    it agrees with the implementation up to and including the divergent line
 * @param firstMismatch  where it first disagrees ("line 12"), or null when it agrees with the whole trace
 * @param applied        the documented differences it applied up to the divergent line, with their lines
 * @param limitation     why it could not be evaluated to the end, or null
 */
public record ProfileMatch(Profile profile, boolean matchesLine, String firstMismatch, List<Applied> applied, String limitation) {
    public ProfileMatch {
        applied = List.copyOf(applied);
    }

    /** A difference applied at a trace line ("line 7" or "step 7"). */
    public record Applied(String where, String step, Difference difference) {
    }
}
