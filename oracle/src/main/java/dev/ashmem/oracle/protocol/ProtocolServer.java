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
            var lines = new BoundedLines(in, TraceParser.MAX_LINE);
            BoundedLines.Line line;
            while ((line = lines.next()) != null) {
                if (line instanceof BoundedLines.TooLong) {
                    out.println(Protocol.ERROR + " request longer than " + TraceParser.MAX_LINE + " characters");
                    out.flush();
                    continue;
                }
                String request = ((BoundedLines.Text) line).text().strip();
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
