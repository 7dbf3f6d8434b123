package dev.ashmem.check.scope;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses size lists such as "0,1,4P,4P+1,2^63,2^64-1" (P = the page size; values are u64). */
public final class Sizes {
    private static final Pattern TERM = Pattern.compile("(\\d+)P([+-]\\d+)?|2\\^(\\d+)([+-]\\d+)?|(\\d+)");

    private Sizes() {
    }

    private static BigInteger offset(String signed) {
        return signed == null ? BigInteger.ZERO : new BigInteger(signed);
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
            // Exact arithmetic, then the u64 range: 2^64, 0P-1 or a product past 2^64 used to wrap silently.
            BigInteger v;
            if (m.group(1) != null) {
                v = new BigInteger(m.group(1)).multiply(BigInteger.valueOf(pageSize)).add(offset(m.group(2)));
            } else if (m.group(3) != null) {
                int e = m.group(3).length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(m.group(3));
                if (e > 64) {
                    throw new IllegalArgumentException("size out of u64: " + t);
                }
                v = BigInteger.ONE.shiftLeft(e).add(offset(m.group(4)));
            } else {
                v = new BigInteger(m.group(5));
            }
            if (v.signum() < 0 || v.bitLength() > 64) {
                throw new IllegalArgumentException("size out of u64: " + t);
            }
            out.add(v.longValue()); // two's complement: the u64 value
        }
        return out;
    }
}
