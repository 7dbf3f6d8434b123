package dev.ashmem.trace;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Platform;
import dev.ashmem.model.TraceText;
import java.util.List;

/**
 * Writes the trace format; {@link TraceParser} reads back exactly what this writes. The one place the
 * project prints operation sequences, see {@link Traces} for the entry points other modules use.
 */
public final class TracePrinter {
    private TracePrinter() {
    }

    /** A whole trace: magic, header, preamble comments, lines. */
    public static String print(Trace trace) {
        var sb = new StringBuilder();
        for (String c : trace.preamble()) {
            sb.append(comment(c)).append('\n');
        }
        sb.append(header(trace.header()));
        for (var line : trace.lines()) {
            sb.append(line(line, trace.header().caller())).append('\n');
        }
        return sb.toString();
    }

    public static String header(TraceHeader h) {
        var sb = new StringBuilder();
        sb.append(TraceHeader.MAGIC).append(' ').append(TraceHeader.VERSION).append('\n');
        sb.append("page-size ").append(h.pageSize()).append('\n');
        sb.append("results ").append(h.results().word()).append('\n');
        sb.append("names ").append(h.names().word()).append('\n');
        sb.append("caller ").append(caller(h.caller())).append('\n');
        if (!h.platform().equals(Platform.X86_64)) {
            sb.append("platform ").append(h.platform().name()).append('\n');
        }
        if (h.profile() != null) {
            sb.append("profile ").append(h.profile().word()).append('\n');
        }
        if (!h.covers().isEmpty()) {
            sb.append("covers ").append(String.join(" ", h.covers())).append('\n');
        }
        return sb.toString();
    }

    /** One line with its leading comments, result and trailing comment; {@code defaultCaller} is the header's. */
    public static String line(TraceLine line, Caller defaultCaller) {
        var sb = new StringBuilder();
        for (String c : line.leading()) {
            sb.append(comment(c)).append('\n');
        }
        sb.append(step(line.step()));
        if (line.outcome() != null) {
            sb.append(" -> ").append(outcome(line.outcome(), line.step()));
        }
        if (line.comment() != null) {
            sb.append("  ").append(comment(line.comment()));
        }
        return sb.toString();
    }

    private static String comment(String c) {
        return c.isEmpty() ? "#" : "# " + c;
    }

    /**
     * The operation part of a line (the protocol's request form). Words, commands and values come from
     * the model's {@link TraceText}, as {@code Op.toString()} does; only the names differ (trace names here).
     */
    public static String step(Step s) {
        String w = s.word().word();
        return switch (s) {
            case Step.Open o -> w;
            case Step.Dup o -> w + " " + o.fd();
            case Step.Close o -> w + " " + o.fd();
            case Step.Ioctl o -> w + " " + o.fd() + " " + TraceText.command(o.cmd()) + TraceText.callerSuffix(o.caller());
            case Step.Mmap o -> w + " " + o.fd() + " " + TraceText.unsigned(o.length()) + " " + TraceText.prot(o.prot()) + " "
                    + TraceText.kind(o.shared()) + " " + TraceText.signed(o.offset()) + TraceText.callerSuffix(o.caller());
            case Step.Munmap o -> w + " " + o.map();
            case Step.Mprotect o -> w + " " + o.map() + " " + TraceText.prot(o.prot()) + TraceText.callerSuffix(o.caller());
            case Step.Load o -> w + " " + o.map() + " " + TraceText.signed(o.offset()) + " " + o.length();
            case Step.Store o -> w + " " + o.map() + " " + TraceText.signed(o.offset()) + " " + TraceText.bytes(o.data());
            case Step.Read o -> w + " " + o.fd() + " " + o.count();
            case Step.Llseek o -> w + " " + o.fd() + " " + TraceText.signed(o.offset()) + " " + TraceText.whence(o.whence());
            case Step.ShrinkCount o -> w;
            case Step.ShrinkScan o -> w + " " + TraceText.unsigned(o.nrToScan()) + (o.mayEnterFs() ? "" : " nofs");
            case Step.ShrinkMark o -> w + " " + o.thread();
            case Step.ShrinkPunch o -> w + " " + o.thread();
            case Step.ShrinkRelease o -> w + " " + o.thread();
        };
    }

    public static String caller(Caller c) {
        return TraceText.caller(c);
    }

    /** The longest result printed as a quoted string (a name is at most 256 bytes). */
    private static final long QUOTE_LIMIT = 1 << 16;

    /** A result as the trace writes it; {@code step} decides how values read (unsigned for the shrinker). */
    public static String outcome(Outcome o, Step step) {
        return switch (o) {
            case Outcome.Ret r -> step instanceof Step.ShrinkCount || step instanceof Step.ShrinkScan
                    ? TraceText.unsigned(r.value()) : TraceText.signed(r.value());
            case Outcome.Bound b -> b.name().text();
            // Quoted only when short: a quoted string is spelled byte by byte, hex: keeps the runs.
            case Outcome.Data d -> d.runs().length() <= QUOTE_LIMIT && (step instanceof Step.Ioctl || TraceText.printable(d.runs()))
                    ? TraceText.quote(d.bytes()) : TraceText.hex(d.runs());
            case Outcome.Err e -> "-" + e.errno();
            case Outcome.Sig s -> s.signal().name();
            case Outcome.Blocked b -> Outcome.Blocked.WORD;
        };
    }

    /** Several traces, one after the other (each starts with its magic line). */
    public static String printAll(List<Trace> traces) {
        var sb = new StringBuilder();
        for (int i = 0; i < traces.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(print(traces.get(i)));
        }
        return sb.toString();
    }
}
