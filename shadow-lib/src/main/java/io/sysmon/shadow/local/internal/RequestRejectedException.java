package io.sysmon.shadow.local.internal;

/**
 * A request the service answers on {@code .../rejected}, with AWS's HTTP-style code and message.
 *
 * <p>Used for control flow inside the service only, never thrown to callers; it carries no stack trace because a
 * misbehaving client can make the service throw thousands of these per second.
 */
final class RequestRejectedException extends Exception {

    static final int BAD_REQUEST = 400;
    static final int NOT_FOUND = 404;
    static final int CONFLICT = 409;
    static final int PAYLOAD_TOO_LARGE = 413;
    static final int UNSUPPORTED_MEDIA_TYPE = 415;

    private final int code;
    private final String clientToken;

    RequestRejectedException(int code, String message, String clientToken) {
        super(message, null, false, false);
        this.code = code;
        this.clientToken = clientToken;
    }

    int code() {
        return code;
    }

    /** The request's client token, to echo in the rejection; {@code null} if it had none or it was invalid. */
    String clientToken() {
        return clientToken;
    }
}
