package io.sysmon.shadow.local;

import io.sysmon.shadow.ShadowException;

/**
 * The local endpoint could not start or prepare its files. The message names the port or directory at fault
 * and what to do; the cause is kept.
 */
public class LocalEndpointException extends ShadowException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public LocalEndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
