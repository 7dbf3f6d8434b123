package dev.ashmem.oracle.replay;

import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Invariants;
import dev.ashmem.model.Op;
import dev.ashmem.model.Result;
import dev.ashmem.trace.Difference;
import dev.ashmem.oracle.rules.Attribution;
import dev.ashmem.trace.Outcome;
import dev.ashmem.trace.Step;
import java.util.List;
import java.util.Optional;

/**
 * What one step did on the expected device and how it compares with what the implementation observed.
 *
 * @param step        the trace step
 * @param op          the model operation it became (names resolved); null for a shrinker thread's step
 * @param result      the expected device's result; null when the step blocks there ({@link Outcome.Blocked})
 * @param expected    that result in the trace's vocabulary
 * @param observed    the implementation's result, or null when the line recorded none
 * @param matches     observed is null or agrees with expected
 * @param attribution the reference rules behind the result
 * @param fired       the rules the model itself fired, in order (empty on a profile-specific path)
 * @param before      the expected device's state before the step
 * @param difference  the profile difference the step applied, if any
 * @param violations  spec invariants the model state breaks after the step (a model defect)
 */
public record Verdict(Step step, Op op, Result result, Outcome expected, Outcome observed, boolean matches,
                      Attribution attribution, List<String> fired, DeviceSnapshot before, Optional<Difference> difference,
                      List<Invariants.Violation> violations) {
}
