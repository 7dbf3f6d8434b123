package dev.ashmem.oracle.rules;

import dev.ashmem.model.Result;
import dev.ashmem.model.RuleDependencies;
import java.util.List;

/**
 * The attribution the oracle reports, from the model's own account of the step
 * ({@code AshmemModel.lastRules()}) and the context, concurrency and invariant rules those rules rely
 * on ({@link RuleDependencies}). The model is the one derivation of the rules: nothing here re-runs a
 * check.
 */
public final class Attributions {
    private Attributions() {
    }

    /**
     * The attribution of a step whose model run fired {@code fired} (in order) and gave {@code result}.
     * An error or fault is decided by the last rule fired (the failing check); a value by the last
     * operational rule fired, since ARITH-LONG and the like may follow the rule that produced it.
     */
    public static Attribution of(List<String> fired, Result result) {
        if (fired.isEmpty()) {
            return new Attribution(Attribution.NONE, List.of());
        }
        var canonical = fired.stream().map(RuleIds::canonical).toList();
        boolean failed = result instanceof Result.Error || result instanceof Result.Fault;
        String decider = failed ? canonical.getLast()
                : canonical.reversed().stream().filter(r -> !supporting(r)).findFirst().orElse(canonical.getLast());
        return new Attribution(decider, RuleDependencies.complete(canonical));
    }

    private static boolean supporting(String id) {
        return id.startsWith("CTX-") || id.startsWith("ARITH-") || id.startsWith("CONC-") || id.startsWith("INV-");
    }
}
