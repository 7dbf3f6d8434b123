package dev.ashmem.oracle.protocol;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Caller;
import dev.ashmem.trace.ResultsMode;
import dev.ashmem.trace.TraceParser;
import dev.ashmem.trace.TracePrinter;
import dev.ashmem.trace.TraceSyntaxException;
import dev.ashmem.trace.Traces;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * The server side of the line protocol (spec/trace-format.md, "Protocol"): prints the hello line, then
 * answers each request line with one reply line. {@code reset} starts a fresh device, {@code bye} or
 * the end of input ends the session; a malformed request gets {@code error <message>}.
 */
public final class ProtocolServer {
    private final Supplier<AshmemDevice> devices;
    private final Hello hello;

    public ProtocolServer(Supplier<AshmemDevice> devices, Hello hello) {
        this.devices = devices;
        this.hello = hello;
    }

    public void serve(BufferedReader in, PrintStream out) throws IOException {
        out.println(hello.line());
        out.flush();
        var device = devices.get();
        try {
            String line;
            while ((line = readLine(in)) != null) {
                if (line == TOO_LONG) {
                    out.println(Protocol.ERROR + " request longer than " + TraceParser.MAX_LINE + " characters");
                    out.flush();
                    continue;
                }
                String request = line.strip();
                if (request.startsWith("\uFEFF")) {
                    request = request.substring(1).strip(); // a byte order mark, as some writers put first
                }
                if (request.isEmpty() || request.startsWith("#")) {
                    continue;
                }
                if (request.equals(Protocol.RESET)) {
                    device.close();
                    device = devices.get();
                    out.println(Protocol.OK);
                } else if (request.equals(Protocol.BYE)) {
                    out.println(Protocol.BYE);
                    out.flush();
                    return;
                } else {
                    out.println(answer(device, request));
                }
                out.flush();
            }
        } finally {
            device.close();
        }
    }

    /** Marks a line longer than {@link TraceParser#MAX_LINE}, read to its end and dropped. */
    private static final String TOO_LONG = new String("too long");

    /**
     * One line without its end (LF, CRLF or CR), null at the end of input, {@link #TOO_LONG} for a line
     * longer than the parser takes: a client cannot make the server hold an unbounded line.
     */
    static String readLine(BufferedReader in) throws IOException {
        var sb = new StringBuilder();
        boolean tooLong = false;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                in.mark(1);
                if (in.read() != '\n') {
                    in.reset();
                }
                break;
            }
            if (sb.length() < TraceParser.MAX_LINE) {
                sb.append((char) c);
            } else {
                tooLong = true;
            }
        }
        if (c < 0 && sb.isEmpty() && !tooLong) {
            return null;
        }
        return tooLong ? TOO_LONG : sb.toString();
    }

    /** One reply line for one request line. */
    static String answer(AshmemDevice device, String request) {
        try {
            var parsed = TraceParser.parseLine(request);
            if (parsed.outcome() != null) {
                return Protocol.ERROR + " a request carries no result: " + request;
            }
            var step = parsed.step();
            var result = Traces.op(step, Caller.APP).applyTo(device);
            return TracePrinter.outcome(Traces.outcome(step, result, ResultsMode.KERNEL), step);
        } catch (TraceSyntaxException e) {
            return Protocol.ERROR + " " + e.reason();
        } catch (IllegalArgumentException e) {
            return Protocol.ERROR + " " + e.getMessage();
        } catch (RuntimeException e) {
            return Protocol.ERROR + " the device failed: " + e;
        } catch (OutOfMemoryError e) {
            // The request's garbage is gone once we are here: answer it and go on serving.
            return Protocol.ERROR + " out of memory answering this request (" + e.getMessage() + ")";
        }
    }
}
