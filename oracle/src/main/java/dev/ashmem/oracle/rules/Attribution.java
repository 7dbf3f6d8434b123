package dev.ashmem.oracle.rules;

import java.util.List;

/**
 * Which spec rules one operation exercised, and the one that decided its result: the check that
 * failed, or the rule that produced the value. Empty when the step took a profile's own path, where
 * the model did not run.
 *
 * @param decider the deciding rule ID, or {@link #NONE}
 * @param rules   every rule exercised, the decider included, in catalogue order
 */
public record Attribution(String decider, List<String> rules) {
    /** The decider of a step no model rule decided (a profile-specific path). */
    public static final String NONE = "none (the profile's own path)";

    public Attribution {
        rules = List.copyOf(rules);
    }

    @Override
    public String toString() {
        var others = rules.stream().filter(r -> !r.equals(decider)).toList();
        return others.isEmpty() ? decider : decider + " (with " + String.join(", ", others) + ")";
    }
}
