package dev.ashmem.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The operation words of the trace format (spec/trace-format.md), defined once: {@link Op#toString()},
 * the trace parser and the trace printer all take them from here. The last three are not driver calls
 * but the steps of one shrinker thread, which the model offers separately ({@link AshmemModel#shrinkMarkHead},
 * {@link AshmemModel#shrinkPunch}, {@link AshmemModel#shrinkRelease}) so a concurrent run can be written
 * as a serial trace (CONC-PUNCH-UNLOCKED).
 */
public enum OpWord {
    OPEN, DUP, CLOSE, IOCTL, MMAP, MUNMAP, MPROTECT, LOAD, STORE, READ, LLSEEK, SHRINK_COUNT, SHRINK_SCAN,
    /** Under the mutex: mark the LRU head purged and take it off the LRU (a punch is now in flight). */
    SHRINK_MARK,
    /** Outside the mutex: punch the hole of the range the same thread marked. */
    SHRINK_PUNCH,
    /** The in-flight count drops, waking PIN/UNPIN/GET_PIN_STATUS waiters. */
    SHRINK_RELEASE;

    /** The word as a trace writes it: {@code shrink_scan}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Only ioctl, mmap and mprotect take a caller (CTX-CALLER). */
    public boolean takesCaller() {
        return this == IOCTL || this == MMAP || this == MPROTECT;
    }

    /** The operation a word names, ignoring case. */
    public static Optional<OpWord> parse(String word) {
        for (var w : values()) {
            if (w.word().equalsIgnoreCase(word)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }
}
