package dev.ashmem.model;

import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a device's observable state, written in the spec's notation: an unpinned list
 * as {@code "[4..5] [0..1]P"} (driver order, P for purged), the LRU as {@code "a0[0..1] a1[3..3]"}.
 */
public final class SnapshotAssert extends AbstractAssert<SnapshotAssert, DeviceSnapshot> {
    SnapshotAssert(DeviceSnapshot actual) {
        super(actual, SnapshotAssert.class);
    }

    public SnapshotAssert hasUnpinned(int area, String expected) {
        isNotNull();
        var got = actual.area(area).unpinned().stream().map(RangeSnapshot::toString).collect(Collectors.joining(" "));
        if (!got.equals(expected)) {
            failWithMessage("area %s: expected unpinned list <%s> but was <%s>%nstate: %s", area, expected, got, actual);
        }
        return this;
    }

    public SnapshotAssert hasLru(String expected) {
        isNotNull();
        var got = actual.lru().stream().map(DeviceSnapshot.LruEntry::toString).collect(Collectors.joining(" "));
        if (!got.equals(expected)) {
            failWithMessage("expected LRU <%s> but was <%s>%nstate: %s", expected, got, actual);
        }
        return this;
    }

    public SnapshotAssert hasLruCount(long expected) {
        isNotNull();
        if (actual.lruCount() != expected) {
            failWithMessage("expected lruCount %s but was %s%nstate: %s",
                    Long.toUnsignedString(expected), Long.toUnsignedString(actual.lruCount()), actual);
        }
        return this;
    }

    public SnapshotAssert hasAreas(int count) {
        isNotNull();
        if (actual.areas().size() != count) {
            failWithMessage("expected %s live areas but was %s%nstate: %s", count, actual.areas().size(), actual);
        }
        return this;
    }

    public SnapshotAssert hasDataPages(int area, Long... pages) {
        isNotNull();
        var file = actual.files().stream().filter(f -> f.area() == area).findFirst();
        if (file.isEmpty()) {
            failWithMessage("area %s has no backing file%nstate: %s", area, actual);
        } else if (!file.get().dataPages().equals(java.util.List.of(pages))) {
            failWithMessage("area %s: expected data pages %s but was %s", area, java.util.List.of(pages), file.get().dataPages());
        }
        return this;
    }
}
