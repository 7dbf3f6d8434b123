package dev.ashmem.pbt;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

/** Renders values for counterexample reports the way a hand-written test would spell them. */
public final class Show {

    private Show() {}

    public static String show(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> quote(s);
            case Character ch -> "'" + escape(String.valueOf(ch), '\'') + "'";
            case byte[] a -> Arrays.toString(a);
            case short[] a -> Arrays.toString(a);
            case int[] a -> Arrays.toString(a);
            case long[] a -> Arrays.toString(a);
            case char[] a -> Arrays.toString(a);
            case boolean[] a -> Arrays.toString(a);
            case float[] a -> Arrays.toString(a);
            case double[] a -> Arrays.toString(a);
            case Object[] a -> join(Arrays.asList(a));
            case Collection<?> c -> join(c);
            case Map<?, ?> m -> {
                var sj = new StringJoiner(", ", "{", "}");
                m.forEach((k, v) -> sj.add(show(k) + "=" + show(v)));
                yield sj.toString();
            }
            default -> String.valueOf(value);
        };
    }

    private static String join(Collection<?> items) {
        var sj = new StringJoiner(", ", "[", "]");
        for (Object item : items) sj.add(show(item));
        return sj.toString();
    }

    private static String quote(String s) {
        return "\"" + escape(s, '"') + "\"";
    }

    private static String escape(String s, char quote) {
        var sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch == quote) sb.append('\\').append(ch);
                    else if (ch < 0x20 || ch == 0x7F) sb.append(String.format("\\u%04x", (int) ch));
                    else sb.append(ch);
                }
            }
        }
        return sb.toString();
    }
}
