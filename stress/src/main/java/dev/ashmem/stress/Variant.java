package dev.ashmem.stress;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.stress.broken.ChecksBeforeLock;
import dev.ashmem.stress.broken.NoInflightWait;
import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/** Which implementation the stress tests run against: the reference one, or a deliberately broken one. */
public enum Variant {
    /** The reference implementation. */
    NONE("none", OffHeapAshmem::new),
    /** Driver bug 6: PIN does not wait for an in-flight hole punch (test fixture). */
    NO_INFLIGHT_WAIT("no-inflight-wait", NoInflightWait::new),
    /** Driver bug 3: PIN/UNPIN/GET_PIN_STATUS check their argument and the file before the mutex (test fixture). */
    CHECKS_BEFORE_LOCK("checks-before-lock", ChecksBeforeLock::new);

    /** The system property the forked test VMs read (passed through jcstress' -jvmArgsPrepend). */
    public static final String PROPERTY = "ashmem.stress.variant";

    private final String id;
    private final IntFunction<OffHeapAshmem> factory;

    Variant(String id, IntFunction<OffHeapAshmem> factory) {
        this.id = id;
        this.factory = factory;
    }

    public String id() {
        return id;
    }

    /** A fresh device with the given page size. */
    public OffHeapAshmem create(int pageSize) {
        return factory.apply(pageSize);
    }

    public static Variant of(String id) {
        for (var v : values()) {
            if (v.id.equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + id + "'; known: "
                + Arrays.stream(values()).map(Variant::id).collect(Collectors.joining(", ")));
    }
}
