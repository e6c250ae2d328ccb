package io.sysmon.shadow.internal;

/**
 * A publish or subscribe the transport could not complete.
 */
public class TransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the operation failed. */
    public enum Kind {
        /** The connection was lost before the broker acknowledged it; it may be retried after reconnecting. */
        CONNECTION_LOST,
        /** The broker acknowledged it with a failure reason code (e.g. not authorized). */
        REFUSED,
        /** Anything else the library reported. */
        OTHER
    }

    private final Kind kind;

    /**
     * @param kind why
     * @param message the library's words
     * @param cause the library's exception, or {@code null}
     */
    public TransportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** @return why the operation failed */
    public Kind kind() {
        return kind;
    }
}
