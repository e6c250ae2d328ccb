package io.sysmon.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sysmon.shadow.internal.ConnectFailures;
import io.sysmon.shadow.internal.TransportFailure;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transport's error names sort into the categories the user acts on. */
class ConnectFailuresTest {

    @ParameterizedTest
    @CsvSource({
        "AWS_IO_SOCKET_CONNECTION_REFUSED, ENDPOINT_UNREACHABLE",
        "AWS_IO_SOCKET_TIMEOUT, ENDPOINT_UNREACHABLE",
        "AWS_IO_DNS_INVALID_NAME, ENDPOINT_UNREACHABLE",
        "AWS_IO_DNS_QUERY_FAILED, ENDPOINT_UNREACHABLE",
        "AWS_IO_SOCKET_NO_ROUTE_TO_HOST, ENDPOINT_UNREACHABLE",
        "AWS_IO_TLS_ERROR_NEGOTIATION_FAILURE, TLS_HANDSHAKE_FAILED",
        "AWS_IO_TLS_ALERT_NOT_GRACEFUL, TLS_HANDSHAKE_FAILED",
        "AWS_ERROR_MQTT_UNEXPECTED_HANGUP, CONNECTION_CLOSED_AFTER_CONNECT",
        "AWS_IO_SOCKET_CLOSED, CONNECTION_CLOSED_AFTER_CONNECT",
        "AWS_ERROR_MQTT5_CONNACK_TIMEOUT, TIMED_OUT",
        "AWS_ERROR_SOMETHING_NEW, OTHER",
    })
    void errorNamesMapToCategories(String errorName, ConnectFailure expected) {
        assertEquals(expected, ConnectFailures.classify(TransportFailure.of(errorName)));
    }

    @ParameterizedTest
    @CsvSource({"NOT_AUTHORIZED", "BANNED", "CLIENT_IDENTIFIER_NOT_VALID", "SERVER_UNAVAILABLE"})
    void anyConnackFailureIsARefusal(String reason) {
        TransportFailure failure = new TransportFailure("AWS_ERROR_MQTT5_CONNACK_CONNECTION_REFUSED",
                Optional.of(reason), Optional.empty());
        assertEquals(ConnectFailure.CONNECTION_REFUSED, ConnectFailures.classify(failure));
    }

    @ParameterizedTest
    @CsvSource({
        "NOT_AUTHORIZED, 403",
        "QUOTA_EXCEEDED, 429",
        "PAYLOAD_FORMAT_INVALID, 400",
        "TOPIC_NAME_INVALID, 400",
        "PACKET_TOO_LARGE, 413",
        "UNSPECIFIED_ERROR, 500",
        "'', 500",
    })
    void refusedPublishesMapToShadowCodes(String reasonCode, int code) {
        assertEquals(code, ConnectFailures.codeForReason(reasonCode));
    }
}
