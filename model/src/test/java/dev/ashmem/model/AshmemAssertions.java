package dev.ashmem.model;

/**
 * Entry point of the custom assertions: {@code assertThat(result)}, {@code assertThat(snapshot)}, and
 * every AssertJ assertion besides, so one static import serves a whole test.
 */
public class AshmemAssertions extends org.assertj.core.api.Assertions {
    protected AshmemAssertions() {
    }

    public static ResultAssert assertThat(Result actual) {
        return new ResultAssert(actual);
    }

    public static SnapshotAssert assertThat(DeviceSnapshot actual) {
        return new SnapshotAssert(actual);
    }
}
