package io.sysmon.shadow.internal;

import io.sysmon.shadow.ConnectFailure;
import java.util.Set;

/**
 * Sorts the transport's error names into the categories a user can act on. A pure function, so every mapping
 * is unit-tested without a network.
 */
public final class ConnectFailures {

    private static final Set<String> UNREACHABLE = Set.of(
            "AWS_IO_SOCKET_CONNECTION_REFUSED", "AWS_IO_SOCKET_TIMEOUT", "AWS_IO_SOCKET_NO_ROUTE_TO_HOST",
            "AWS_IO_SOCKET_NETWORK_DOWN", "AWS_IO_SOCKET_CONNECT_ABORTED", "AWS_IO_SOCKET_INVALID_ADDRESS",
            "AWS_IO_SOCKET_ADDRESS_IN_USE", "AWS_IO_DNS_QUERY_FAILED", "AWS_IO_DNS_INVALID_NAME",
            "AWS_IO_DNS_NO_ADDRESS_FOR_HOST", "AWS_IO_DNS_HOST_REMOVED_FROM_CACHE", "AWS_ERROR_UNKNOWN_HOST");

    private static final Set<String> CLOSED = Set.of(
            "AWS_ERROR_MQTT_UNEXPECTED_HANGUP", "AWS_IO_SOCKET_CLOSED", "AWS_IO_BROKEN_PIPE",
            "AWS_ERROR_MQTT5_DISCONNECT_RECEIVED", "AWS_IO_SOCKET_NOT_CONNECTED");

    private ConnectFailures() {
    }

    /**
     * @param failure what the transport reported for one attempt
     * @return its category; TLS failures come back as {@link ConnectFailure#TLS_HANDSHAKE_FAILED}, for a
     *     closer look to refine
     */
    public static ConnectFailure classify(TransportFailure failure) {
        if (failure.connackReason().isPresent()) {
            return ConnectFailure.CONNECTION_REFUSED;
        }
        String name = failure.errorName() == null ? "" : failure.errorName();
        if (UNREACHABLE.contains(name) || name.startsWith("AWS_IO_DNS")) {
            return ConnectFailure.ENDPOINT_UNREACHABLE;
        }
        if (name.contains("TLS") || name.contains("S2N")) {
            return ConnectFailure.TLS_HANDSHAKE_FAILED;
        }
        if (CLOSED.contains(name)) {
            return ConnectFailure.CONNECTION_CLOSED_AFTER_CONNECT;
        }
        if (name.contains("CONNACK_TIMEOUT")) {
            return ConnectFailure.TIMED_OUT;
        }
        return ConnectFailure.OTHER;
    }

    /**
     * @param reasonCode the name of the reason code a broker refused a publish with, e.g. {@code NOT_AUTHORIZED}
     * @return the HTTP-like code the shadow service would have used for it; 500 for any other
     */
    public static int codeForReason(String reasonCode) {
        return switch (reasonCode) {
            case "NOT_AUTHORIZED" -> 403;
            case "QUOTA_EXCEEDED" -> 429;
            case "PAYLOAD_FORMAT_INVALID", "TOPIC_NAME_INVALID" -> 400;
            case "PACKET_TOO_LARGE" -> 413;
            default -> 500;
        };
    }
}
