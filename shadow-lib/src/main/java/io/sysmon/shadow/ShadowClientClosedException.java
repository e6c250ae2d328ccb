package io.sysmon.shadow;

/**
 * The client was closed before the request was answered, or a request was made after {@code close()}.
 */
public class ShadowClientClosedException extends ShadowException {

    private static final long serialVersionUID = 1L;

    /** @param message what was cut short */
    public ShadowClientClosedException(String message) {
        super(message);
    }
}
