package io.sysmon.shadow.internal;

import java.util.Optional;

/**
 * One failed connection attempt as the transport saw it.
 *
 * @param errorName the transport's error name, e.g. {@code AWS_IO_SOCKET_CONNECTION_REFUSED}
 * @param connackReason the CONNACK reason code name when the broker answered CONNECT with a failure
 * @param connackReasonString the CONNACK reason string, if the broker sent one
 */
public record TransportFailure(String errorName, Optional<String> connackReason,
        Optional<String> connackReasonString) {

    /**
     * @param errorName the transport's error name
     * @return a failure with no CONNACK
     */
    public static TransportFailure of(String errorName) {
        return new TransportFailure(errorName, Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return errorName + connackReason.map(r -> " (CONNACK " + r + connackReasonString.map(s -> ": " + s)
                .orElse("") + ")").orElse("");
    }
}
