package io.sysmon.shadow;

/**
 * The base of every exception shadow-lib throws or completes a future with. Unchecked; the message says what
 * went wrong and what to do, and the cause (if any) is kept.
 */
public class ShadowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and what to do */
    public ShadowException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public ShadowException(String message, Throwable cause) {
        super(message, cause);
    }
}
