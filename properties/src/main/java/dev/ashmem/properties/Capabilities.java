package dev.ashmem.properties;

import dev.ashmem.generator.OpKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What an implementation under the TCK supports. A real driver behind ioctls cannot show its LRU, a
 * userspace shim may know one page size only, and nothing outside the kernel can call the shrinker
 * directly; the TCK then skips what is missing instead of failing on it.
 *
 * @param pageSizes    the page sizes the device can be created with; the TCK skips the others (JUnit reports them as skipped)
 * @param unsupported  operation classes the device lacks: the chains never draw them (and, for {@link OpKind#MMAP},
 *                     the set-up maps nothing). A run without every class cannot reach every rule, so it requires no rule coverage
 * @param exposesState whether {@code snapshot()} works. Without it (observable-only) the TCK compares results and memory
 *                     contents only; bugs in hidden state still show through what they change (which range a scan purges,
 *                     what PIN returns, which bytes read back as zero)
 */
public record Capabilities(SortedSet<Integer> pageSizes, Set<OpKind> unsupported, boolean exposesState) {
    public Capabilities {
        if (pageSizes.isEmpty()) {
            throw new IllegalArgumentException("an implementation supports at least one page size");
        }
        pageSizes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(pageSizes));
        unsupported = unsupported.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(unsupported));
    }

    /** Everything: both page sizes, every operation class, {@code snapshot()}. */
    public static Capabilities full() {
        return new Capabilities(new TreeSet<>(Set.of(4096, 16384)), Set.of(), true);
    }

    /** Only these page sizes. */
    public Capabilities onlyPageSizes(int... sizes) {
        var set = new TreeSet<Integer>();
        Arrays.stream(sizes).forEach(set::add);
        return new Capabilities(set, unsupported, exposesState);
    }

    /** Without these operation classes. */
    public Capabilities without(OpKind... kinds) {
        var set = EnumSet.noneOf(OpKind.class);
        set.addAll(unsupported);
        set.addAll(Arrays.asList(kinds));
        return new Capabilities(pageSizes, set, exposesState);
    }

    /** Without {@code snapshot()}: compare results and memory contents only. */
    public Capabilities observableOnly() {
        return new Capabilities(pageSizes, unsupported, false);
    }

    public boolean supports(int pageSize) {
        return pageSizes.contains(pageSize);
    }

    public boolean supports(OpKind kind) {
        return !unsupported.contains(kind);
    }

    /** Every operation class: the run can reach every sequential rule. */
    public boolean complete() {
        return unsupported.isEmpty();
    }

    @Override
    public String toString() {
        return "page sizes " + pageSizes + (unsupported.isEmpty() ? "" : ", without " + new TreeSet<>(unsupported))
                + (exposesState ? "" : ", observable-only");
    }
}
