package io.sysmon.examples.dashboard;

/**
 * The dashboard's port is taken by another process. The message is one line naming the port and the fix, e.g.
 * {@code port 8080 is already in use: stop whatever listens there, or pass --port}.
 */
public final class PortInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int port;

    /**
     * @param port the port that is taken
     * @param cause the bind failure
     */
    public PortInUseException(int port, Throwable cause) {
        super("port " + port + " is already in use: stop whatever listens there, or pass --port", cause);
        this.port = port;
    }

    /** @return the port that is taken */
    public int port() {
        return port;
    }
}
