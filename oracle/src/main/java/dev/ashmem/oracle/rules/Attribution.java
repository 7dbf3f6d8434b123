package dev.ashmem.oracle.rules;

import java.util.List;

/**
 * Which spec rules one operation exercised, and the one that decided its result: the check that
 * failed, or the rule that produced the value.
 *
 * @param decider   the deciding rule ID
 * @param rules     every rule exercised, the decider included, in catalogue order
 * @param predicted the result's shape as the rules derive it: an errno name, SIGSEGV/SIGBUS, or "ok"
 */
public record Attribution(String decider, List<String> rules, String predicted) {
    public Attribution {
        rules = List.copyOf(rules);
    }

    @Override
    public String toString() {
        var others = rules.stream().filter(r -> !r.equals(decider)).toList();
        return others.isEmpty() ? decider : decider + " (with " + String.join(", ", others) + ")";
    }
}
