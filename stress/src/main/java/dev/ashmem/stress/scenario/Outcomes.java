package dev.ashmem.stress.scenario;

import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Prot;
import dev.ashmem.model.RangeSnapshot;
import dev.ashmem.model.Result;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The one place results become outcome text. jcstress matches outcome ids as regular expressions, so
 * the text keeps to letters, digits, '=', ',', ':', '-', '/' and spaces.
 */
public final class Outcomes {
    private Outcomes() {
    }

    /** "k1=v1, k2=v2, ..." from alternating keys and values. */
    public static String line(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values alternate");
        }
        var sb = new StringBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(keysAndValues[i]).append('=').append(keysAndValues[i + 1]);
        }
        return sb.toString();
    }

    /** A return value as a number, an errno name, a signal name; "none" for an action that did not run. */
    public static String ret(Result r) {
        return switch (r) {
            case null -> "none";
            case Result.Value v -> Long.toString(v.value());
            case Result.Error e -> e.errno().name();
            case Result.Fault f -> f.signal().name();
            case Result.Bytes b -> "bytes" + b.length();
        };
    }

    /** PIN: NOT_PURGED (0) or WAS_PURGED (1). */
    public static String pin(Result r) {
        return r instanceof Result.Value v && (v.value() == 0 || v.value() == 1)
                ? (v.value() == 0 ? "NOT_PURGED" : "WAS_PURGED") : ret(r);
    }

    /** GET_PIN_STATUS: UNPINNED (0) or PINNED (1). */
    public static String status(Result r) {
        return r instanceof Result.Value v && (v.value() == 0 || v.value() == 1)
                ? (v.value() == 0 ? "UNPINNED" : "PINNED") : ret(r);
    }

    /** A scan's freed pages, or STOP (SHRINK_STOP). */
    public static String scan(Result r) {
        return r instanceof Result.Value v && v.value() == -1 ? "STOP" : ret(r);
    }

    /** mmap: the mapping id as "m1", or the error. */
    public static String mapping(Result r) {
        return r instanceof Result.Value v ? "m" + v.value() : ret(r);
    }

    /** GET_NAME: the name without its terminator. */
    public static String name(Result r) {
        if (r instanceof Result.Bytes b) {
            var d = b.data();
            int n = 0;
            while (n < d.length && d[n] != 0) {
                n++;
            }
            return new String(d, 0, n, StandardCharsets.ISO_8859_1);
        }
        return ret(r);
    }

    /** A prot value (GET_PROT_MASK) as "r--". */
    public static String prot(Result r) {
        return r instanceof Result.Value v ? Prot.format(v.value()) : ret(r);
    }

    /**
     * Bytes read as one character per chunk of {@code chunk} bytes: the fill letter when the chunk is
     * uniformly one letter, 0 when it is all zeros, X when mixed (a torn chunk); faults by name.
     */
    public static String fill(Result r, int chunk) {
        if (!(r instanceof Result.Bytes b)) {
            return ret(r);
        }
        var d = b.data();
        if (d.length == 0) {
            return "empty";
        }
        var sb = new StringBuilder();
        for (int at = 0; at < d.length; at += chunk) {
            int end = Math.min(d.length, at + chunk);
            byte first = d[at];
            boolean uniform = true;
            for (int i = at; i < end; i++) {
                uniform &= d[i] == first;
            }
            sb.append(!uniform ? 'X' : first == 0 ? '0' : Character.isLetter(first) ? (char) first : 'X');
        }
        return sb.toString();
    }

    /** An area's unpinned list in the driver's (descending) order, "1-2P 0-0" (P: purged); "none". */
    public static String ranges(DeviceSnapshot s, int area) {
        var list = s.area(area).unpinned();
        return list.isEmpty() ? "none" : list.stream().map(Outcomes::range).collect(Collectors.joining(" "));
    }

    private static String range(RangeSnapshot r) {
        return Long.toUnsignedString(r.pgstart()) + "-" + Long.toUnsignedString(r.pgend()) + (r.purged() ? "P" : "");
    }

    /** The LRU, oldest first, as "a0:0-0 a1:0-1"; "none". */
    public static String lru(DeviceSnapshot s) {
        return s.lru().isEmpty() ? "none" : s.lru().stream()
                .map(e -> "a" + e.area() + ":" + Long.toUnsignedString(e.pgstart()) + "-" + Long.toUnsignedString(e.pgend()))
                .collect(Collectors.joining(" "));
    }

    /** lruCount, unsigned. */
    public static String count(DeviceSnapshot s) {
        return Long.toUnsignedString(s.lruCount());
    }

    /** The live backing files' sizes, "4096" or "none". */
    public static String files(DeviceSnapshot s) {
        return s.files().isEmpty() ? "none" : s.files().stream()
                .map(f -> Long.toUnsignedString(f.size())).collect(Collectors.joining(" "));
    }
}
