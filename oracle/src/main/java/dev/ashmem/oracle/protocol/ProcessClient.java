package dev.ashmem.oracle.protocol;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import dev.ashmem.trace.TraceParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An implementation under test, run as a child process speaking the line protocol: one request line
 * on its stdin, one reply line on its stdout, each reply awaited for at most the per-request time-out.
 * It runs in a process group of its own ({@code setsid}), so that everything it forks, even what
 * outlives its parent, can be ended with it: closing shuts it down cleanly (stdin is closed, then it
 * gets a grace period) and then ends whatever is left of its process group, and nothing else.
 */
public final class ProcessClient implements ServerConnection {
    private static final String EOF = new String("<eof>");
    /** Put on the reply queue for a stdout line longer than the protocol allows (its length in {@link #tooLong}). */
    private static final String TOO_LONG = new String("<too long>");
    /** Replies read ahead of their requests: a child that floods its stdout waits (no unbounded queue). */
    private static final int QUEUED_REPLIES = 1024;
    /** Stderr lines longer than this are kept as their length only. */
    private static final int STDERR_LINE = 4096;

    private final String command;
    private final Process process;
    private final Writer stdin;
    private final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>(QUEUED_REPLIES);
    private volatile long tooLong;
    /** Writes the requests, so that a child that stops reading its stdin cannot block past the time-out. */
    private final java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("ashmem-drive-stdin").unstarted(r));
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Duration timeout;
    private final Duration grace;
    private final Hello hello;
    private boolean closed;
    /** The last request answered, for messages. */
    private String lastRequest;

    private ProcessClient(String command, Process process, Duration timeout, Duration grace, Duration helloTimeout) {
        this.command = command;
        this.process = process;
        this.timeout = timeout;
        this.grace = grace;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pump(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), true, "stdout");
        pump(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8), false, "stderr");
        String first = await(helloTimeout, "hello line");
        try {
            this.hello = Hello.parse(first);
        } catch (RuntimeException e) {
            destroy();
            throw new ImplementationFailure(ImplementationFailure.Kind.PROTOCOL, "bad hello line from '" + command + "': " + e.getMessage());
        }
    }

    /** {@code setsid} (util-linux): runs the shell as the leader of a new session and process group. */
    private static final String SETSID = "/usr/bin/setsid";
    /** Whether implementations lead their own process groups (each one's pid is its group id). */
    private static final boolean OWN_GROUP = java.nio.file.Files.isExecutable(java.nio.file.Path.of(SETSID));

    /**
     * Implementations started and not yet ended, with their grace periods: a JVM that exits (Ctrl-C,
     * SIGTERM included) ends them first. A process is registered in the step that starts it, under
     * {@link #STARTS}: a SIGTERM right after the spawn found it unregistered and left it running.
     */
    private static final java.util.Map<Process, Duration> LIVE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Object STARTS = new Object();
    /** Set by the shutdown hook (under {@link #STARTS}): no process starts after it has listed {@link #LIVE}. */
    private static boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (STARTS) {
                shuttingDown = true;
            }
            // All at once: drive-rate --jobs N has N implementations, each may take its grace.
            var enders = LIVE.entrySet().stream()
                    .map(e -> Thread.ofPlatform().name("ashmem-drive-end-" + e.getKey().pid()).start(() -> end(e.getKey(), e.getValue())))
                    .toList();
            for (var t : enders) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "ashmem-drive-end-implementations"));
    }

    /** Starts {@code command} with {@code sh -c} in a process group of its own and reads its hello line. */
    public static ProcessClient start(String command, Duration timeout, Duration grace) {
        return start(command, timeout, grace, () -> {
        });
    }

    /** {@link #start(String, Duration, Duration)}, running {@code afterSpawn} between the spawn and the hello (tests stall there). */
    static ProcessClient start(String command, Duration timeout, Duration grace, Runnable afterSpawn) {
        Process p;
        synchronized (STARTS) {
            if (shuttingDown) {
                throw new ImplementationFailure(ImplementationFailure.Kind.EXITED, "cannot start '" + command + "': the JVM is shutting down");
            }
            try {
                // Not a group leader itself, the child's setsid execs the shell without forking: the pid stays.
                p = new ProcessBuilder(OWN_GROUP ? List.of(SETSID, "sh", "-c", command) : List.of("sh", "-c", command)).start();
            } catch (IOException e) {
                throw new ImplementationFailure(ImplementationFailure.Kind.EXITED, "cannot start '" + command + "': " + e.getMessage());
            }
            LIVE.put(p, grace);
        }
        try {
            afterSpawn.run();
            // A JVM-based server needs more than one request's time to come up.
            return new ProcessClient(command, p, timeout, grace, timeout.plus(Duration.ofSeconds(30)));
        } catch (RuntimeException | Error e) {
            end(p, grace); // a bad hello ended it already; anything else must not leave it running
            throw e;
        }
    }

    @Override
    public Hello hello() {
        return hello;
    }

    @Override
    public boolean alive() {
        return !closed && process.isAlive();
    }

    /** Sends one request line and returns the reply line. */
    @Override
    public String request(String line) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        unasked();
        var sent = writer.submit(() -> {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
            return null;
        });
        try {
            sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            destroy(); // the blocked write fails once the process is gone
            throw new ImplementationFailure(ImplementationFailure.Kind.TIMEOUT, "could not send '" + abbreviated(line) + "' within "
                    + timeout.toMillis() + " ms: the process does not read its stdin; it was stopped" + tail());
        } catch (java.util.concurrent.ExecutionException e) {
            throw exited("could not send '" + abbreviated(line) + "'");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel(true);
            throw new ImplementationFailure(ImplementationFailure.Kind.TIMEOUT, "interrupted while sending '" + abbreviated(line) + "'");
        }
        String reply = await(timeout, "reply to '" + abbreviated(line) + "'");
        lastRequest = line;
        return reply;
    }

    /** Lines read and not yet taken as replies (tests wait on it). */
    int pendingLines() {
        return replies.size();
    }

    /**
     * A line already waiting before a request was answered nothing: the implementation replied twice to the
     * last request (or spoke unasked). Taken as the next reply it would shift every reply after it.
     */
    private void unasked() {
        String extra = replies.poll();
        if (extra == null) {
            return;
        }
        String after = lastRequest == null ? "after its hello line" : "after its reply to '" + abbreviated(lastRequest) + "'";
        if (extra == EOF) {
            throw exited("it ended " + after);
        }
        destroy();
        throw new ImplementationFailure(ImplementationFailure.Kind.PROTOCOL, "a line nobody asked for " + after + ": '"
                + (extra == TOO_LONG ? "(a line of " + tooLong + " characters)" : abbreviated(extra))
                + "' (one request, one reply line); the process was stopped" + tail());
    }

    private static String abbreviated(String line) {
        return line.length() <= 100 ? line : line.substring(0, 100) + "... (" + line.length() + " characters)";
    }

    private String await(Duration limit, String what) {
        String r;
        try {
            r = replies.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImplementationFailure(ImplementationFailure.Kind.TIMEOUT, "interrupted while waiting for " + what);
        }
        if (r == null) {
            destroy();
            throw new ImplementationFailure(ImplementationFailure.Kind.TIMEOUT, "no " + what + " within " + limit.toMillis()
                    + " ms; the process was stopped" + tail());
        }
        if (r == EOF) {
            throw exited("it ended before " + what);
        }
        if (r == TOO_LONG) {
            destroy();
            throw new ImplementationFailure(ImplementationFailure.Kind.PROTOCOL, "a line of " + tooLong + " characters as the " + what
                    + ", more than the protocol's " + TraceParser.MAX_LINE + "; the process was stopped" + tail());
        }
        return r;
    }

    private ImplementationFailure exited(String what) {
        String status;
        try {
            status = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS) ? "exit status " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = "unknown status";
        }
        destroy();
        return new ImplementationFailure(ImplementationFailure.Kind.EXITED, "the process '" + command + "' failed: " + what + " ("
                + status + ")" + tail());
    }

    private String tail() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : "\n  its last stderr lines:\n    " + String.join("\n    ", stderrTail);
        }
    }

    /** Reads one of the child's streams in lines of bounded length: a child cannot make this JVM hold an unbounded one. */
    private void pump(java.io.Reader r, boolean isReplies, String name) {
        Thread.ofPlatform().daemon().name("ashmem-drive-" + name).start(() -> {
            var lines = new BoundedLines(r, isReplies ? TraceParser.MAX_LINE : STDERR_LINE);
            try {
                for (BoundedLines.Line line; (line = lines.next()) != null; ) {
                    if (isReplies) {
                        String reply = switch (line) {
                            case BoundedLines.Text t -> t.text();
                            case BoundedLines.TooLong l -> {
                                tooLong = l.length();
                                yield TOO_LONG;
                            }
                        };
                        if (!enqueue(reply)) {
                            return;
                        }
                    } else {
                        String text = switch (line) {
                            case BoundedLines.Text t -> t.text();
                            case BoundedLines.TooLong l -> "(a line of " + l.length() + " characters)";
                        };
                        synchronized (stderrTail) {
                            stderrTail.addLast(text);
                            if (stderrTail.size() > 20) {
                                stderrTail.removeFirst();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the process went away; EOF below tells the waiter
            }
            if (isReplies) {
                enqueue(EOF);
            }
        });
    }

    /** Queues a reply, waiting while the queue is full; false once the client is closed. */
    private boolean enqueue(String reply) {
        try {
            while (!replies.offer(reply, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Clean shutdown: close stdin, wait for the grace period, then destroy what is left. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        destroy(); // whatever is left: the process, or what it forked and left behind in its group
    }

    /**
     * Ends the process, its process group and the processes it started (nothing else): SIGTERM, then
     * SIGKILL for what is left after the grace period.
     */
    void destroy() {
        closed = true;
        writer.shutdownNow();
        end(process, grace);
    }

    /** {@link #destroy()}'s work on the process: also what the shutdown hook does to each one still running. */
    private static void end(Process process, Duration grace) {
        var children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        signalGroup(process, "TERM");
        try {
            long deadline = System.nanoTime() + grace.toNanos();
            while ((process.isAlive() || groupAlive(process)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (process.isAlive() || groupAlive(process) || children.stream().anyMatch(Processes::running)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                signalGroup(process, "KILL");
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Only now: a shutdown that begins while this runs must still find it and end it too.
            LIVE.remove(process);
        }
    }

    /** Sends a signal to the implementation's process group; false when no process of it is left. */
    private static boolean signalGroup(Process process, String signal) {
        if (!OWN_GROUP) {
            return false;
        }
        try {
            var kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + process.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return kill.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether a process of the implementation's group still runs; zombies (which init may reap late) do not. */
    private static boolean groupAlive(Process process) {
        if (!OWN_GROUP) {
            return false;
        }
        return Processes.groupRunning(process.pid()).orElseGet(() -> signalGroup(process, "0"));
    }
}
