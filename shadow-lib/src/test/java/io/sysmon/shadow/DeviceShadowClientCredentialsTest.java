package io.sysmon.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysmon.shadow.local.DeviceCredentials;
import io.sysmon.shadow.local.LocalCertificateAuthority;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad credentials and unreachable endpoints give a clear {@code init} error, in its category, within the connect
 * bound: over real TLS against the local endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceShadowClientCredentialsTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private LocalEndpointFixture local;
    private LocalCertificateAuthority otherAuthority;

    @BeforeAll
    void startEndpoint() {
        local = new LocalEndpointFixture(dir);
        otherAuthority = LocalCertificateAuthority.createOrLoad(dir.resolve("other-ca"));
    }

    @AfterAll
    void stopEndpoint() {
        local.close();
    }

    @Test
    void aCaFileThatDoesNotSignTheServerIsNamedAsTheProblem() {
        ShadowClientConfig config = local.configFor("wrong_ca_device").caFile(otherAuthority.caFile())
                .connectTimeout(BOUND).build();
        // init must not retry a connection that cannot work until the connect timeout (BOUND) runs out.
        ShadowConnectException e = initFails(config, BOUND);
        assertEquals(ConnectFailure.TLS_SERVER_NOT_TRUSTED, e.failure(), e.getMessage());
    }

    @Test
    void aDeviceCertificateFromAnotherCaIsRefusedByTheEndpoint() {
        DeviceCredentials foreign = otherAuthority.issueDevice("foreign_device");
        ShadowClientConfig config = local.configFor("foreign_device")
                .certificateFile(foreign.certificateFile()).privateKeyFile(foreign.privateKeyFile())
                .connectTimeout(BOUND).build();
        // init must not retry a connection that cannot work until the connect timeout (BOUND) runs out.
        ShadowConnectException e = initFails(config, BOUND);
        assertEquals(ConnectFailure.TLS_CLIENT_CERTIFICATE_REJECTED, e.failure(), e.getMessage());
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificateFailsBeforeConnecting() {
        DeviceCredentials other = local.endpoint.issueDevice("other_device");
        ShadowClientConfig config = local.configFor("mismatched_device").privateKeyFile(other.privateKeyFile())
                .connectTimeout(BOUND).build();
        ShadowConfigException e = assertThrows(ShadowConfigException.class, () -> DeviceShadowClient.init(config));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("does not match"), e.getMessage());
        assertTrue(e.problems().get(0).contains(other.privateKeyFile().toString()), e.getMessage());
    }

    @Test
    void missingFilesAreAllReportedAtOnce() {
        ShadowClientConfig config = ShadowClientConfig.builder().endpoint("localhost").port(local.endpoint.port())
                .thingName("absent_device").credentialsIn(dir.resolve("nowhere")).build();
        ShadowConfigException e = assertThrows(ShadowConfigException.class, () -> DeviceShadowClient.init(config));
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void nothingListeningIsReportedAsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ShadowClientConfig config = local.configFor("lonely_device").port(closedPort).connectTimeout(BOUND).build();
        // The bound is the configured connect timeout plus the close of the native client.
        ShadowConnectException e = initFails(config, BOUND.plusSeconds(10));
        assertEquals(ConnectFailure.ENDPOINT_UNREACHABLE, e.failure(), e.getMessage());
    }

    /** Asserts that {@code init} fails, and sooner than {@code within}. */
    private static ShadowConnectException initFails(ShadowClientConfig config, Duration within) {
        long start = System.nanoTime();
        ShadowConnectException e = assertThrows(ShadowConnectException.class, () -> DeviceShadowClient.init(config));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(within) < 0, "init took " + took + ", more than " + within);
        return e;
    }
}
