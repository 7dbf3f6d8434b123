package dev.ashmem.oracle.protocol;

/**
 * A {@link ProtocolServer} in this JVM, spoken to line by line without a process or pipes: the same request
 * and reply text as over a child's stdin and stdout, for tests and quick measurements.
 */
public final class InProcessClient implements ServerConnection {
    private final Hello hello;
    private final ProtocolServer.Session session;
    private boolean closed;

    public InProcessClient(ProtocolServer server) {
        this.hello = server.hello();
        this.session = server.open();
    }

    @Override
    public Hello hello() {
        return hello;
    }

    @Override
    public boolean alive() {
        return !closed && !session.ended();
    }

    @Override
    public String request(String line) {
        if (!alive()) {
            throw new ImplementationFailure(ImplementationFailure.Kind.EXITED, "the in-process server ended before '" + line + "'");
        }
        String reply = session.reply(line);
        if (reply == null) {
            throw new ImplementationFailure(ImplementationFailure.Kind.PROTOCOL, "no reply to '" + line + "' (a blank or comment line)");
        }
        return reply;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.close();
        }
    }
}
