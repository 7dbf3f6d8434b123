package dev.ashmem.cli.mutate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The reviewed list of equivalent mutants: mutants no test can kill because the mutated program behaves the
 * same. One line per mutant, fields separated by {@code " | "}:
 * <pre>class | method | line | mutator | source line | reason</pre>
 * An entry matches a mutant of that class (or a lambda/nested class in it), method and mutator whose source line
 * reads the same (blanks collapsed), wherever the line has moved to; the line number decides only when the
 * source is not at hand. Blank lines and lines starting with {@code #} are comments.
 */
public final class Equivalents {
    /** One reviewed mutant; {@code at} is its line in the list, for messages. */
    public record Entry(String className, String method, int line, String mutator, String source, String reason, int at) {}

    private final List<Entry> entries;

    private Equivalents(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Equivalents none() {
        return new Equivalents(List.of());
    }

    public static Equivalents read(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    public static Equivalents parse(List<String> lines) {
        var out = new ArrayList<Entry>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            out.add(entry(l, i + 1));
        }
        return new Equivalents(out);
    }

    private static Entry entry(String l, int at) {
        var head = l.split(" \\| ", 5);
        int lastBar = l.lastIndexOf(" | ");
        if (head.length < 5 || lastBar < 0) {
            throw new IllegalArgumentException("equivalents line " + at + ": expected 'class | method | line | mutator | source line | reason', got: " + l);
        }
        String rest = head[4];
        int reasonBar = rest.lastIndexOf(" | ");
        if (reasonBar < 0 || rest.substring(reasonBar + 3).isBlank()) {
            throw new IllegalArgumentException("equivalents line " + at + ": no reason given: " + l);
        }
        int line;
        try {
            line = Integer.parseInt(head[2].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("equivalents line " + at + ": '" + head[2] + "' is not a line number", e);
        }
        return new Entry(head[0].strip(), head[1].strip(), line, head[3].strip(), collapse(rest.substring(0, reasonBar)),
                rest.substring(reasonBar + 3).strip(), at);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Whether entry {@code e} describes mutant {@code m}; {@code source} gives a mutant's source line when known. */
    static boolean matches(Entry e, Mutant m, Function<Mutant, Optional<String>> source) {
        if (!e.className().equals(m.outerClass()) && !e.className().equals(m.mutatedClass())) {
            return false;
        }
        if (!e.method().equals(m.method()) || !e.mutator().equals(m.mutatorName())) {
            return false;
        }
        var text = source.apply(m);
        return text.isPresent() && !e.source().isEmpty() ? collapse(text.get()).equals(e.source()) : e.line() == m.line();
    }

    static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
