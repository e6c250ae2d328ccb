package io.sysmon.shadow;

import io.sysmon.shadow.local.DeviceCredentials;
import io.sysmon.shadow.local.LocalIotEndpoint;
import java.nio.file.Path;
import java.time.Duration;

/** A running local endpoint and the client settings that reach it, for tests over real TLS and MQTT 5. */
final class LocalEndpointFixture implements AutoCloseable {

    final LocalIotEndpoint endpoint;

    LocalEndpointFixture(Path dir) {
        this.endpoint = LocalIotEndpoint.builder()
                .certsDir(dir.resolve("certs"))
                .workDir(dir.resolve("broker"))
                .build()
                .start();
    }

    /** Settings for {@code thing}, with credentials issued for it and quick reconnects. */
    ShadowClientConfig.Builder configFor(String thing) {
        DeviceCredentials device = endpoint.issueDevice(thing);
        return ShadowClientConfig.builder()
                .endpoint("localhost")
                .port(endpoint.port())
                .thingName(thing)
                .certificateFile(device.certificateFile())
                .privateKeyFile(device.privateKeyFile())
                .caFile(endpoint.caFile())
                .connectTimeout(Duration.ofSeconds(10))
                .reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(500));
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
