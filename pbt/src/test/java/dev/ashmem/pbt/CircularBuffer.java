package dev.ashmem.pbt;

import java.util.EnumSet;
import java.util.Set;

/**
 * The classic bounded queue over an array with one spare slot (the QuickCheck state-machine textbook
 * target), with switchable bugs so the engine's tests can check what it finds.
 */
final class CircularBuffer {

    enum Bug {
        /** The array has exactly {@code capacity} slots, so a full buffer looks empty. */
        NO_EXTRA_SLOT,
        /** {@code size()} forgets the modulo, so it goes negative once the write index wraps. */
        SIZE_WITHOUT_MODULO,
        /** {@code get()} forgets to wrap the read index and eventually reads past the array. */
        GET_WITHOUT_WRAP
    }

    private final int[] slots;
    private final Set<Bug> bugs;
    private int in;
    private int out;

    CircularBuffer(int capacity, Set<Bug> bugs) {
        this.bugs = bugs.isEmpty() ? EnumSet.noneOf(Bug.class) : EnumSet.copyOf(bugs);
        this.slots = new int[this.bugs.contains(Bug.NO_EXTRA_SLOT) ? capacity : capacity + 1];
    }

    void put(int x) {
        slots[in] = x;
        in = (in + 1) % slots.length;
    }

    int get() {
        int x = slots[out];
        out = bugs.contains(Bug.GET_WITHOUT_WRAP) ? out + 1 : (out + 1) % slots.length;
        return x;
    }

    int size() {
        return bugs.contains(Bug.SIZE_WITHOUT_MODULO) ? in - out : (in - out + slots.length) % slots.length;
    }
}
