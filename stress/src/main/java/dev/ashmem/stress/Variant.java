package dev.ashmem.stress;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.broken.BrokenVariant;
import dev.ashmem.impl.broken.Suite;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which implementation the stress tests run against: the reference one ({@link #NONE}), or an entry of
 * the broken-variant catalogue that names {@link Suite#STRESS} (a test fixture).
 */
public record Variant(String id, BrokenVariant broken) {
    /** The reference implementation. */
    public static final Variant NONE = new Variant("none", null);

    /** The system property the forked test VMs read (passed through jcstress' -jvmArgsPrepend). */
    public static final String PROPERTY = "ashmem.stress.variant";

    /** A fresh device with the given page size. */
    public OffHeapAshmem create(int pageSize) {
        return broken == null ? new OffHeapAshmem(pageSize) : broken.create(pageSize);
    }

    /** "none", then every catalogue entry the stress tests must catch. */
    public static List<Variant> all() {
        var out = new ArrayList<Variant>();
        out.add(NONE);
        BrokenVariant.forSuite(Suite.STRESS).forEach(b -> out.add(new Variant(b.id(), b)));
        return out;
    }

    public static Variant of(String id) {
        for (var v : all()) {
            if (v.id.equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + id + "'; known: "
                + all().stream().map(Variant::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
