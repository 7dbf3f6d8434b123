package dev.ashmem.trace;

import java.util.List;
import java.util.Objects;

/**
 * A parsed trace: where it came from, its header, its comment lines before the first operation, and its
 * operation lines.
 */
public record Trace(String source, TraceHeader header, List<String> preamble, List<TraceLine> lines) {
    public Trace {
        Objects.requireNonNull(source);
        Objects.requireNonNull(header);
        preamble = List.copyOf(preamble);
        lines = List.copyOf(lines);
    }

    public Trace(String source, TraceHeader header, List<TraceLine> lines) {
        this(source, header, List.of(), lines);
    }

    public Trace withLines(List<TraceLine> newLines) {
        return new Trace(source, header, preamble, newLines);
    }

    public Trace withHeader(TraceHeader h) {
        return new Trace(source, h, preamble, lines);
    }
}
