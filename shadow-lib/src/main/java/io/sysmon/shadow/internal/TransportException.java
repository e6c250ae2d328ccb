package io.sysmon.shadow.internal;

import java.util.Optional;

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
    private final String reasonCode;

    /**
     * A failure without a reason code from the broker.
     *
     * @param kind why
     * @param message the library's words
     * @param cause the library's exception, or {@code null}
     */
    public TransportException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    /**
     * @param kind why
     * @param message the library's words
     * @param cause the library's exception, or {@code null}
     * @param reasonCode the name of the PUBACK or SUBACK reason code the broker refused with, e.g.
     *     {@code NOT_AUTHORIZED}, or {@code null} when the broker gave none
     */
    public TransportException(Kind kind, String message, Throwable cause, String reasonCode) {
        super(message, cause);
        this.kind = kind;
        this.reasonCode = reasonCode;
    }

    /** @return why the operation failed */
    public Kind kind() {
        return kind;
    }

    /** @return the name of the PUBACK or SUBACK reason code the broker refused with; empty when it gave none */
    public Optional<String> reasonCode() {
        return Optional.ofNullable(reasonCode);
    }
}
