package io.sysmon.shadow;

import java.util.Objects;

/**
 * {@link DeviceShadowClient#init(ShadowClientConfig)} could not make its first connection. The
 * {@link #failure()} says why, in a category a program can act on; the message adds the detail and a hint.
 */
public class ShadowConnectException extends ShadowException {

    private static final long serialVersionUID = 1L;

    private final ConnectFailure failure;

    /**
     * @param failure the category
     * @param detail what was seen, e.g. the transport's error name
     * @param cause the underlying failure, or {@code null}
     */
    public ShadowConnectException(ConnectFailure failure, String detail, Throwable cause) {
        super(detail + ": " + Objects.requireNonNull(failure, "failure").hint(), cause);
        this.failure = failure;
    }

    /** @return why the connection failed */
    public ConnectFailure failure() {
        return failure;
    }
}
