package dev.ashmem.check.scope;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The named scopes; every part of each can be overridden by a flag. */
public final class Scopes {
    static final int P = 4096;
    static final EnumSet<Letter> PIN_SCAN = EnumSet.of(Letter.PIN, Letter.UNPIN, Letter.STATUS, Letter.SCAN);

    private Scopes() {
    }

    private static Scope scope(String name, int areas, int pages, List<Long> sizes, EnumSet<Letter> alphabet, int maxEmpty,
                               int maxMappings, Initial initial, boolean concurrency) {
        return new Scope(name, areas, pages, P, sizes, alphabet, 2, maxEmpty, maxMappings, initial, 0, false, concurrency, true,
                2, 1);
    }

    /**
     * The SET_SIZE values of the scopes that have them, in pages where they are: {@code --page-size} scales
     * them (before, a scope's 2P stayed 8192 bytes at any page size).
     */
    private static final Map<String, String> SIZES = Map.of("surface", "0,1,2P,2^63", "surface-2x1", "0,1P");

    /** The named scope's sizes at page size {@code pageSize}. */
    public static List<Long> sizes(String name, int pageSize) {
        return Sizes.parse(SIZES.getOrDefault(name, ""), pageSize);
    }

    /** Every named scope, in the order the README lists them. */
    public static Map<String, Scope> all() {
        var m = new LinkedHashMap<String, Scope>();
        var odd = EnumSet.copyOf(PIN_SCAN);
        odd.addAll(EnumSet.of(Letter.ZERO, Letter.MISALIGNED, Letter.OVERFLOW, Letter.EFAULT, Letter.NOFS, Letter.PURGE));
        m.put("small", scope("small", 1, 3, List.of(), odd, 2, 0, Initial.FILE, false));
        m.put("1x8", scope("1x8", 1, 8, List.of(), PIN_SCAN, 2, 0, Initial.FILE, false));
        m.put("2x4", scope("2x4", 2, 4, List.of(), PIN_SCAN, 2, 0, Initial.FILE, false));
        var content = EnumSet.copyOf(PIN_SCAN);
        content.add(Letter.WRITE);
        m.put("content-1x6", scope("content-1x6", 1, 6, List.of(), content, 2, 1, Initial.MAPPED, false));
        m.put("2x5", scope("2x5", 2, 5, List.of(), PIN_SCAN, 2, 0, Initial.FILE, false));
        var conc = EnumSet.of(Letter.PIN, Letter.UNPIN, Letter.STATUS, Letter.WRITE);
        m.put("conc", scope("conc", 1, 2, List.of(), conc, 2, 1, Initial.MAPPED, true));
        m.put("conc-1x3", scope("conc-1x3", 1, 3, List.of(), conc, 2, 1, Initial.MAPPED, true));
        var surface = EnumSet.allOf(Letter.class);
        m.put("surface", scope("surface", 1, 2, Sizes.parse(SIZES.get("surface"), P), surface, 1, 2, Initial.SIZED, false));
        m.put("surface-2x1", scope("surface-2x1", 2, 1, Sizes.parse(SIZES.get("surface-2x1"), P), surface, 1, 1, Initial.FRESH, false));
        return m;
    }

    public static Scope named(String name) {
        var s = all().get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown scope '" + name + "'; known: " + String.join(", ", all().keySet()));
        }
        return s;
    }
}
