package dev.ashmem.stress.scenario;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Result;
import java.util.Optional;

/**
 * The device a scenario runs on, with the shrinker's scan split into the steps of
 * CONC-PUNCH-UNLOCKED, so that a scenario can leave a punch in flight or the model can interleave
 * other callers between the steps.
 */
public interface Target extends AutoCloseable {

    AshmemDevice device();

    /** Under the mutex: mark the LRU head purged, unlink it, count it in flight; empty when the LRU is. */
    Optional<Punch> markHead();

    /** Outside the mutex: the hole punch of a marked range. */
    void punch(Punch punch);

    /** After the punch: the in-flight count drops, waking PIN/UNPIN/GET_PIN_STATUS. */
    void release(Punch punch);

    /** Punches marked and not yet released. */
    int inflight();

    /** Whether PIN/UNPIN/GET_PIN_STATUS wait for in-flight punches (PINARG-WAIT). */
    boolean pinWaitsForPunches();

    /**
     * {@code count} bytes of the area's file at {@code pos} as they are now, without moving the
     * position: one page of a read() that the model splits into per-page instants (CONC-UNLOCKED).
     */
    Result peek(int fd, long pos, int count);

    /** Releases the device's native resources (a jcstress run creates many devices). */
    @Override
    void close();

    /** A marked range whose punch has not run yet; {@code token} is the device's own pending punch. */
    record Punch(Object token, long pages) {
    }
}
