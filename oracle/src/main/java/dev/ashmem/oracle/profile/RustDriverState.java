package dev.ashmem.oracle.profile;

import java.util.HashSet;
import java.util.Set;

/**
 * What the Rust driver keeps that the model has no place for: areas named with the empty string (the
 * driver's {@code Some(empty)}, the model's unnamed), and the pages its shrinker freed that its
 * {@code LRU_COUNT} still counts (AshmemGuard::free_lru pops a range off the LRU before calling
 * remove_lru, which then finds it on no list and leaves the count).
 */
final class RustDriverState {
    final Set<Integer> emptyNamed;
    long stalePages;

    RustDriverState() {
        this(new HashSet<>(), 0);
    }

    private RustDriverState(Set<Integer> emptyNamed, long stalePages) {
        this.emptyNamed = emptyNamed;
        this.stalePages = stalePages;
    }

    RustDriverState copy() {
        return new RustDriverState(new HashSet<>(emptyNamed), stalePages);
    }
}
