package dev.ashmem.trace;

/**
 * A malformed trace line or protocol reply. The message says where (source and line) and what was
 * wrong; callers print it as is, never a stack trace.
 */
public final class TraceSyntaxException extends RuntimeException {
    private final String source;
    private final int line;
    private final int column;
    private final String reason;

    public TraceSyntaxException(String source, int line, int column, String reason) {
        super(format(source, line, column, reason));
        this.source = source;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** Inside one line: the parser adds the source and line number. */
    TraceSyntaxException(int column, String reason) {
        this(null, 0, column, reason);
    }

    TraceSyntaxException at(String source, int line) {
        return new TraceSyntaxException(source, line, column, reason);
    }

    private static String format(String source, int line, int column, String reason) {
        var sb = new StringBuilder();
        if (source != null) {
            sb.append(source).append(':');
        }
        if (line > 0) {
            sb.append(line).append(':');
            if (column > 0) {
                sb.append(column).append(':');
            }
            sb.append(' ');
        }
        return sb.append(reason).toString();
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the position. */
    public String reason() {
        return reason;
    }
}
