package dev.ashmem.oracle.rules;

import dev.ashmem.model.Result;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The attribution the oracle reports: the rules the model itself fired for the operation
 * ({@code AshmemModel.lastRules()}), completed by the {@link RuleTracer}'s reading of the state (which
 * also names the concurrency and invariant rules a sequential step relies on). For an error or a fault
 * the model's deciding check is authoritative.
 */
public final class Attributions {
    private Attributions() {
    }

    public static Attribution merge(Attribution traced, List<String> fired, Result result) {
        var all = new LinkedHashSet<String>(traced.rules());
        fired.stream().map(RuleIds::canonical).forEach(all::add);
        var sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(RuleIds::order));
        String decider = traced.decider();
        boolean failed = result instanceof Result.Error || result instanceof Result.Fault;
        // The model files a load or store through an unknown mapping under MEM-BOUNDS; spec 6.3 checks
        // MMAP-ID first, so that one stays.
        if (failed && !fired.isEmpty() && !traced.decider().equals("MMAP-ID")) {
            decider = RuleIds.canonical(fired.getLast());
        }
        return new Attribution(decider, sorted, traced.predicted());
    }
}
