package dev.ashmem.check.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses size lists such as "0,1,4P,4P+1,2^63,2^64-1" (P = the page size; values are u64). */
public final class Sizes {
    private static final Pattern TERM = Pattern.compile("(\\d+)P([+-]\\d+)?|2\\^(\\d+)([+-]\\d+)?|(\\d+)");

    private Sizes() {
    }

    public static List<Long> parse(String list, int pageSize) {
        var out = new ArrayList<Long>();
        for (var raw : list.split(",")) {
            var t = raw.strip();
            if (t.isEmpty()) {
                continue;
            }
            var m = TERM.matcher(t);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad size '" + t + "' (use 4096, 3P, 3P+1, 2^63, 2^64-1)");
            }
            long v;
            if (m.group(1) != null) {
                v = Long.parseLong(m.group(1)) * pageSize + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
            } else if (m.group(3) != null) {
                int e = Integer.parseInt(m.group(3));
                if (e > 64) {
                    throw new IllegalArgumentException("size out of u64: " + t);
                }
                long base = e == 64 ? 0 : 1L << e; // 2^64 wraps to 0, so 2^64-1 reads as expected
                v = base + (m.group(4) == null ? 0 : Long.parseLong(m.group(4)));
            } else {
                v = Long.parseUnsignedLong(m.group(5));
            }
            out.add(v);
        }
        return out;
    }
}
