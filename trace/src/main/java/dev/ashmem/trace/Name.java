package dev.ashmem.trace;

import java.util.Objects;
import java.util.Optional;

/**
 * How a trace names a handle or a mapping: the value the implementation returned (a file descriptor
 * number, a mapping address such as {@code 0x7f3a1c000000}) or a symbolic identifier ({@code a},
 * {@code m1}). The replayer binds each name to whatever the model returned for the same operation, so
 * traces survive implementations whose real numbers differ.
 *
 * @param text the name as written
 */
public record Name(String text) {

    public Name {
        Objects.requireNonNull(text, "text");
        if (!valid(text)) {
            throw new IllegalArgumentException("not a name: '" + text + "' (a number or an identifier like fd_a)");
        }
    }

    public static Name of(long value) {
        return new Name(Long.toString(value));
    }

    /** A number (decimal, -decimal or 0x hex) or an identifier. */
    public static boolean valid(String text) {
        return Numbers.tryParse(text).isPresent() || identifier(text);
    }

    static boolean identifier(String text) {
        if (text.isEmpty() || !(Character.isLetter(text.charAt(0)) || text.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** The numeric value, when the name is a number. */
    public Optional<Long> number() {
        return Numbers.tryParse(text);
    }

    /** Equal for 16 and 0x10: numbers compare by value, identifiers by text. */
    public String key() {
        return number().map(v -> "#" + v).orElse(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
