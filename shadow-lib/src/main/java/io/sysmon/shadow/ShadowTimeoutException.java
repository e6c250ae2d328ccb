package io.sysmon.shadow;

/**
 * A request was published while connected, but no answer came within the configured response timeout.
 */
public class ShadowTimeoutException extends ShadowException {

    private static final long serialVersionUID = 1L;

    /** @param message what timed out and after how long */
    public ShadowTimeoutException(String message) {
        super(message);
    }
}
