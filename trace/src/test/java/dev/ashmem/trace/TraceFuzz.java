package dev.ashmem.trace;

import dev.ashmem.pbt.Choices;
import dev.ashmem.pbt.Gen;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Hostile trace text for the fuzz properties of the parser and the line protocol: random bytes, and
 * the conformance corpus (spec/corpus/*.trace) mutated along its grammar (tokens deleted, duplicated,
 * replaced by troublesome ones, lines dropped or repeated, upper case, CRLF, a BOM, invalid UTF-8).
 * Choice 0 everywhere is an unmutated corpus trace, so failures shrink towards valid text.
 */
public final class TraceFuzz {
    /** Tokens that have broken parsers: edges of every number type, bad hex, stray syntax. */
    static final List<String> TOKENS = List.of("0", "-1", "4096", "0x", "0x8000000000000000", "-0x8000000000000000",
            "18446744073709551615", "18446744073709551616", "99999999999999999999999", "2147483647", "2147483648",
            "4294967296", "--1", "+1", "1e3", "hex:", "hex:0", "hex:000", "hex:zz", "hex:{3}", "hex:00{", "hex:00{}",
            "hex:00{0}", "hex:00{-1}", "hex:00{1}{2}", "hex:00{16777216}", "hex:00{16777217}", "hex:00{2147483647}",
            "hex:00{2147483648}", "hex:ff{99999999999999999999}", "hex:\u0661\u0662", "HEX:00", "\"", "\"\\\"", "\"\\x\"",
            "\"\\xg0\"", "\"\\q\"", "\"\u00e9\"", "\"\u20ac\"", "[cap", "[cap]", "[cap,rie]", "[root]", "[]", "->", "-> ->",
            "#", "\uFEFF", "RW-", "rw-", "R-X", "rwx", "---", "rwz", "SHARED", "Private", "-EINVAL", "-E", "-EFOO", "-einval",
            "SIGSEGV", "sigbus", "blocked", "badptr", "nofs", "ashmem-trace", "ashmem-trace 1", "ashmem-trace 2",
            "page-size", "page-size 0", "page-size 99999999999", "results user", "names exact", "caller cap", "platform x86-64+pku", "platform arm64-va52+mte", "platform sparc",
            "profile rust", "profile rust-2024", "profile rust-2025", "profile nope", "covers", "\r", "\t", "\u0000", "\uD800", "\uFFFF", "ioctl", "PIN", "SET_NAME",
            "0x7704", "IOCTL", "mmap", "load", "store", "read", "llseek", "HOLE", "9", "shrink_scan", "shrink_mark",
            "shrink_punch", "a", "m", "@", "a.b");
    /** The conformance corpus, read once. */
    static final List<String> CORPUS = corpus();

    private TraceFuzz() {
    }

    private static List<String> corpus() {
        var dir = Stream.of(Path.of("spec/corpus"), Path.of("../spec/corpus")).filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new IllegalStateException("spec/corpus not found from " + Path.of("").toAbsolutePath()));
        try (var files = Files.list(dir)) {
            var out = new ArrayList<String>();
            for (var f : files.filter(p -> p.toString().endsWith(".trace")).sorted().toList()) {
                out.add(Files.readString(f));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whole files: mostly mutated corpus traces, some random bytes. */
    public static final Gen<byte[]> FILES = c -> c.drawIndex(8) == 7 ? randomBytes(c) : mutated(c);

    /** Single lines, for the protocol: a line of a mutated trace, or random bytes. */
    public static final Gen<String> LINES = c -> {
        if (c.drawIndex(8) == 7) {
            return new String(randomBytes(c), StandardCharsets.UTF_8);
        }
        var lines = new String(mutated(c), StandardCharsets.UTF_8).split("\r?\n", -1);
        return lines[c.drawIndex(lines.length)];
    };

    static byte[] randomBytes(Choices c) {
        int n = c.drawIndex(200);
        var out = new byte[n];
        for (int i = 0; i < n; i++) {
            // mostly printable, so that random text reaches past the tokenizer
            out[i] = c.drawBoolean() ? (byte) c.draw(255) : (byte) (' ' + c.drawIndex(95));
        }
        return out;
    }

    /** Repeat counts around every limit: none, 1, the argument and result limits, past a long. */
    private static final List<String> COUNTS = List.of("", "1", "0", "8", "4096", "16777216", "67108864", "67108865",
            "2147483647", "2147483648", "99999999999999999999", "-3", "x", "1{2}");

    /** A {@code hex:} token built from pairs, lone digits, bad digits and repeat counts. */
    static String hex(Choices c) {
        var sb = new StringBuilder("hex:");
        int parts = c.drawIndex(5);
        for (int k = 0; k < parts; k++) {
            switch (c.drawIndex(5)) {
                case 0, 1 -> sb.append("0123456789abcdefABCDEF".charAt(c.drawIndex(22))).append("0123456789abcdef".charAt(c.drawIndex(16)));
                case 2 -> sb.append('{').append(COUNTS.get(c.drawIndex(COUNTS.size()))).append(c.drawIndex(4) == 0 ? "" : "}");
                case 3 -> sb.append("0123456789abcdef".charAt(c.drawIndex(16))); // a lone digit: odd
                default -> sb.append("gz-\u0660\uFF10 ".charAt(c.drawIndex(6)));
            }
        }
        return sb.toString();
    }

    /** Characters the grammar gives meaning to, for edits inside a token. */
    private static final String SYNTAX = "0123456789abcdefxgz{}-+[],>#\"\\ \t\r:";

    static byte[] mutated(Choices c) {
        var lines = new ArrayList<>(List.of(CORPUS.get(c.drawIndex(CORPUS.size())).split("\n", -1)));
        int edits = c.drawIndex(7);
        boolean crlf = false;
        boolean bom = false;
        int invalidAt = -1;
        for (int e = 0; e < edits; e++) {
            // half the edits go to operation lines (with a result), past the header
            var ops = new ArrayList<Integer>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("->")) {
                    ops.add(i);
                }
            }
            int li = !ops.isEmpty() && c.drawBoolean() ? ops.get(c.drawIndex(ops.size())) : c.drawIndex(lines.size());
            var tokens = new ArrayList<>(List.of(lines.get(li).split(" ", -1)));
            int ti = c.drawIndex(tokens.size());
            switch (c.drawIndex(16)) {
                case 14, 15 -> tokens.set(ti, hex(c)); // results and store data
                case 0, 1, 2 -> tokens.set(ti, TOKENS.get(c.drawIndex(TOKENS.size())));
                case 3, 4 -> tokens.add(ti, TOKENS.get(c.drawIndex(TOKENS.size())));
                case 5, 6 -> { // an edit inside a token: the grammar's characters, or any below U+0300
                    var t = tokens.get(ti);
                    int at = c.drawIndex(t.length() + 1);
                    char ch = c.drawBoolean() ? SYNTAX.charAt(c.drawIndex(SYNTAX.length())) : (char) c.draw(0x2FF);
                    tokens.set(ti, c.drawBoolean() || at == t.length()
                            ? t.substring(0, at) + ch + t.substring(at)
                            : t.substring(0, at) + t.substring(at + 1));
                }
                case 7 -> tokens.remove(ti);
                case 8 -> tokens.add(ti, tokens.get(ti));
                case 9 -> tokens.replaceAll(t -> t.toUpperCase(Locale.ROOT));
                case 10 -> {
                    lines.remove(li);
                    tokens = null;
                }
                case 11 -> lines.add(li, lines.get(li));
                case 12 -> {
                    switch (c.drawIndex(3)) {
                        case 0 -> crlf = true;
                        case 1 -> bom = true;
                        default -> invalidAt = li;
                    }
                }
                default -> tokens.add(TOKENS.get(c.drawIndex(TOKENS.size()))); // at the end: a result's place
            }
            if (tokens != null) {
                lines.set(li, String.join(" ", tokens));
            }
            if (lines.isEmpty()) {
                lines.add("");
            }
        }
        var out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes("\uFEFF".getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < lines.size(); i++) {
            if (i == invalidAt) {
                out.writeBytes(new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff}); // not UTF-8
            }
            out.writeBytes(lines.get(i).getBytes(StandardCharsets.UTF_8));
            if (i < lines.size() - 1) {
                out.writeBytes((crlf ? "\r\n" : "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
