package dev.ashmem.oracle.protocol;

/**
 * The driver's end of one line-protocol connection: a child process ({@link ProcessClient}) or a server in
 * this JVM ({@link InProcessClient}). One request line in, one reply line out.
 */
public interface ServerConnection extends AutoCloseable {
    /** The server's hello line. */
    Hello hello();

    /** False once the server ended or the connection was closed. */
    boolean alive();

    /** Sends one request line and returns the reply line; an {@link ImplementationFailure} when there is none. */
    String request(String line);

    /** Asks for a fresh device; false when the server does not know {@code reset}. */
    default boolean reset() {
        String r = request(Protocol.RESET);
        if (r.equals(Protocol.OK)) {
            return true;
        }
        if (r.startsWith(Protocol.ERROR)) {
            return false;
        }
        throw new ImplementationFailure(ImplementationFailure.Kind.PROTOCOL, "reply to 'reset' must be 'ok' or 'error ...', got: " + r);
    }

    @Override
    void close();
}
