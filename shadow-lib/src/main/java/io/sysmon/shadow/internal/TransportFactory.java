package io.sysmon.shadow.internal;

import io.sysmon.shadow.ConnectFailure;
import io.sysmon.shadow.ShadowClientConfig;
import java.util.Optional;

/** Makes the transport for a client, and looks closer at TLS failures. Tests supply their own. */
@FunctionalInterface
public interface TransportFactory {

    /** The production transport: the AWS IoT Device SDK v2, with the JDK's TLS stack as a second opinion. */
    TransportFactory CRT = new TransportFactory() {
        @Override
        public MqttTransport create(ShadowClientConfig config, MqttTransport.Events events) {
            return new CrtMqttTransport(config, events);
        }

        @Override
        public Optional<ConnectFailure> diagnoseTls(ShadowClientConfig config) {
            return TlsProbe.diagnose(config);
        }
    };

    /**
     * @param config the client's settings
     * @param events where the transport reports
     * @return a transport, not yet started
     */
    MqttTransport create(ShadowClientConfig config, MqttTransport.Events events);

    /**
     * @param config the client's settings
     * @return which side refused the TLS handshake, when that can be told; empty by default
     */
    default Optional<ConnectFailure> diagnoseTls(ShadowClientConfig config) {
        return Optional.empty();
    }
}
