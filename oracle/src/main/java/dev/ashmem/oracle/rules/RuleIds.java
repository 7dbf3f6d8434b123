package dev.ashmem.oracle.rules;

import java.util.List;
import java.util.Map;

/**
 * The rule-ID catalogue the oracle attributes results to, in spec order (the model's
 * {@link dev.ashmem.model.RuleCatalogue}, which a model test keeps equal to spec/), and the late renames
 * it still accepts (OPEN, DUP and MUNMAP became OPEN-AREA, DUP-HANDLE and MUNMAP-REMOVE).
 */
public final class RuleIds {
    public static final List<String> ALL = dev.ashmem.model.RuleCatalogue.ALL;

    /** Old ID -> current ID. */
    public static final Map<String, String> RENAMED = Map.of("OPEN", "OPEN-AREA", "DUP", "DUP-HANDLE", "MUNMAP", "MUNMAP-REMOVE");

    private RuleIds() {
    }

    /** The current form of an ID (renamed IDs map to their new names). */
    public static String canonical(String id) {
        return RENAMED.getOrDefault(id, id);
    }

    /** The rule's position in the catalogue, for sorting; unknown IDs go last. */
    public static int order(String id) {
        int i = ALL.indexOf(canonical(id));
        return i < 0 ? ALL.size() : i;
    }
}
