package dev.ashmem.trace;

import dev.ashmem.model.TraceText;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one trace line into tokens: words separated by blanks, C-style quoted strings (one token,
 * escapes {@code \\ \" \0 \n \t \r \xHH} decoded to bytes), and a comment from {@code #} to the end
 * of the line outside quotes.
 */
final class Tokenizer {

    /** One token; {@code bytes} is set for quoted strings. {@code column} is 1-based. */
    record Token(String text, byte[] bytes, int column) {
        boolean quoted() {
            return bytes != null;
        }

        @Override
        public String toString() {
            return quoted() ? TraceText.quote(bytes) : text;
        }
    }

    /** The tokens of a line and its comment (without the {@code #}, or null). */
    record Line(List<Token> tokens, String comment) {
    }

    private Tokenizer() {
    }

    static Line split(String line) {
        var tokens = new ArrayList<Token>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '#') {
                return new Line(tokens, line.substring(i + 1).strip());
            } else if (c == '"') {
                int start = i;
                var out = new ByteArrayOutputStream();
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\') {
                        if (i + 1 >= n) {
                            break;
                        }
                        char e = line.charAt(i + 1);
                        i += 2;
                        switch (e) {
                            case '0' -> out.write(0);
                            case 'n' -> out.write('\n');
                            case 't' -> out.write('\t');
                            case 'r' -> out.write('\r');
                            case '\\' -> out.write('\\');
                            case '"' -> out.write('"');
                            case 'x' -> {
                                if (i + 2 > n || Numbers.hexDigit(line.charAt(i)) < 0 || Numbers.hexDigit(line.charAt(i + 1)) < 0) {
                                    throw new TraceSyntaxException(start + 1, "\\x needs two hex digits in a quoted string");
                                }
                                out.write(Integer.parseInt(line.substring(i, i + 2), 16));
                                i += 2;
                            }
                            default -> throw new TraceSyntaxException(i - 1, "unknown escape \\" + e + " in a quoted string");
                        }
                    } else {
                        if (d > 0xff) {
                            throw new TraceSyntaxException(i + 1, "quoted strings hold bytes: use \\xHH for '" + d + "'");
                        }
                        out.write(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new TraceSyntaxException(start + 1, "unterminated quoted string");
                }
                tokens.add(new Token(line.substring(start, i), out.toByteArray(), start + 1));
            } else {
                int start = i;
                while (i < n && " \t\r#\"".indexOf(line.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(line.substring(start, i), null, start + 1));
            }
        }
        return new Line(tokens, null);
    }
}
