package io.sysmon.shadow;

import java.util.Optional;

/**
 * The shadow service answered a request on its {@code .../rejected} topic, or the broker refused the publish.
 * {@link #code()} is AWS's error code: 400 (bad request), 401, 403 (not authorized), 404 (no such shadow),
 * 409 (version conflict), 413 (state too large), 415 (not UTF-8), 429 (too many requests in flight) or 500.
 */
public class ShadowRejectedException extends ShadowException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String errorMessage;
    private final String clientToken;

    /**
     * @param code AWS's error code
     * @param errorMessage AWS's error message
     * @param clientToken the request's client token, or {@code null}
     */
    public ShadowRejectedException(int code, String errorMessage, String clientToken) {
        super("shadow request rejected: " + code + " " + errorMessage);
        this.code = code;
        this.errorMessage = errorMessage;
        this.clientToken = clientToken;
    }

    /** @return AWS's error code, e.g. 409 */
    public int code() {
        return code;
    }

    /** @return AWS's error message, e.g. "Version conflict" */
    public String errorMessage() {
        return errorMessage;
    }

    /** @return the request's client token, when known */
    public Optional<String> clientToken() {
        return Optional.ofNullable(clientToken);
    }
}
