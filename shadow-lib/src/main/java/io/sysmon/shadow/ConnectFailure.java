package io.sysmon.shadow;

/**
 * Why the first connection to the endpoint failed. Each value carries a one-line hint for the user.
 */
public enum ConnectFailure {
    /** Nothing answered at the host and port: wrong endpoint, port, DNS, firewall, or the endpoint is down. */
    ENDPOINT_UNREACHABLE("check the endpoint host and port (AWS IoT console > Settings > Device data endpoint; "
            + "port 8883, or 443), DNS and firewalls"),
    /** The server's certificate is not signed by the CA file: the wrong CA file, or the wrong endpoint. */
    TLS_SERVER_NOT_TRUSTED("the CA file does not trust this server: for AWS IoT use AmazonRootCA1.pem with the "
            + "'-ats' endpoint; for the local endpoint use sysmon-local-ca.pem"),
    /** The server refused the device certificate: unknown, inactive or revoked, or signed by another CA. */
    TLS_CLIENT_CERTIFICATE_REJECTED("the endpoint refused the device certificate: on AWS check that it is "
            + "registered and ACTIVE in this account and region; locally, that it was issued by this endpoint"),
    /** The TLS handshake failed for another reason (protocol, cipher, key). */
    TLS_HANDSHAKE_FAILED("the TLS handshake failed: check the certificate, key and CA files belong together"),
    /** The broker answered CONNECT with a failure reason code (e.g. not authorized). */
    CONNECTION_REFUSED("the endpoint refused the connection: on AWS the policy attached to the certificate "
            + "must allow iot:Connect for this client ID (the thing name)"),
    /** The connection was closed right after CONNECT, without an answer. */
    CONNECTION_CLOSED_AFTER_CONNECT("the endpoint closed the connection right after CONNECT: on AWS this "
            + "usually means the policy does not allow iot:Connect for this client ID, or another device is "
            + "connected with the same client ID"),
    /** The broker refused the subscriptions to the shadow's response topics. */
    SUBSCRIBE_REFUSED("the endpoint refused the shadow topic subscriptions: on AWS the policy must allow "
            + "iot:Subscribe and iot:Receive on $aws/things/<thing>/shadow/*"),
    /** The transport failed in a way none of the other categories covers; the detail names it. */
    OTHER("see the detail above; rerun with debug logging for the transport's own log"),
    /** No connection was made within the connect timeout, and no clearer cause was seen. */
    TIMED_OUT("no connection within the connect timeout: check the endpoint and the network, or raise the "
            + "timeout");

    private final String hint;

    ConnectFailure(String hint) {
        this.hint = hint;
    }

    /** @return what the user should check, in one line */
    public String hint() {
        return hint;
    }
}
