package dev.ashmem.generator;

import dev.ashmem.model.DeviceSnapshot;

/**
 * The kinds of operation the generator draws, each with its default weight and the states in which it
 * is worth drawing. The order is the order of simplicity: a shrinker lowering the recorded position
 * moves a step towards the first kind.
 */
public enum OpKind {
    PIN_FAMILY("pin_unpin_status", 16),
    SHRINK("shrink", 4),
    ACCESS("access", 6),
    OPEN("open", 2),
    SET_SIZE("set_size", 2),
    MMAP("mmap", 3),
    ATTRIBUTE("attribute", 2),
    GET_SIZE("get_size", 1),
    PROT_MASK("prot_mask", 2),
    READ("read", 2),
    LLSEEK("llseek", 2),
    MPROTECT("mprotect", 1),
    MUNMAP("munmap", 1),
    DUP("dup", 1),
    CLOSE("close", 1);

    /** The most areas a chain opens; more adds states, not rules. */
    public static final int MAX_AREAS = 3;
    /** The most live mappings a chain makes. */
    public static final int MAX_MAPPINGS = 6;

    private final String label;
    private final int weight;

    OpKind(String label, int weight) {
        this.label = label;
        this.weight = weight;
    }

    /** The action name reports and coverage use, e.g. "pin_unpin_status". */
    public String label() {
        return label;
    }

    public int weight() {
        return weight;
    }

    /** Whether drawing this kind in state {@code s} is worth it. */
    public boolean enabled(DeviceSnapshot s) {
        boolean areas = !s.areas().isEmpty();
        boolean mappings = !s.mappings().isEmpty();
        return switch (this) {
            case OPEN -> s.areas().size() < MAX_AREAS;
            case MMAP -> areas && s.mappings().size() < MAX_MAPPINGS;
            case ACCESS, MPROTECT, MUNMAP -> mappings;
            default -> areas;
        };
    }
}
