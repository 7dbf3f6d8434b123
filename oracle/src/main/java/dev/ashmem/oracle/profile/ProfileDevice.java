package dev.ashmem.oracle.profile;

import dev.ashmem.trace.Difference;
import dev.ashmem.trace.Profile;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Invariants;
import java.util.List;
import java.util.Optional;

/** A model-backed device with one profile's semantics, copyable for look-ahead. */
public interface ProfileDevice extends AshmemDevice {

    Profile profile();

    /** An independent copy of the whole state. */
    ProfileDevice copy();

    /** The documented difference the last operation applied, if it took a profile-specific path. */
    Optional<Difference> lastDifference();

    /**
     * The rules the model fired for the last operation, in order (after an error the last one decided
     * it); empty when the operation took a profile-specific path.
     */
    List<String> lastRules();

    /** The model underneath, for the steps of shrinker threads a serial trace interleaves (CONC-PUNCH-UNLOCKED). */
    AshmemModel model();

    /** The spec invariants the underlying model state breaks (empty when sound). */
    List<Invariants.Violation> violations();
}
