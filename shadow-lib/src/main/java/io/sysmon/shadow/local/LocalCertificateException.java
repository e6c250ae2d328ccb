package io.sysmon.shadow.local;

import io.sysmon.shadow.ShadowException;

/**
 * The local certificate authority could not read, create or write its files, or could not issue a
 * certificate. The message names the file and what to do; the cause is kept.
 */
public class LocalCertificateException extends ShadowException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the file, and what to do */
    public LocalCertificateException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the file, and what to do
     * @param cause the underlying failure
     */
    public LocalCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
