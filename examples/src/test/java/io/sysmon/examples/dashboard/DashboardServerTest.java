package io.sysmon.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysmon.examples.store.TimeSeriesStore;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, stopping, and what goes wrong on the way. */
class DashboardServerTest {

    @TempDir
    static Path dataDir;
    private static TimeSeriesStore store;

    @BeforeAll
    static void openStore() {
        store = TimeSeriesStore.open(dataDir);
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Test
    void aPortInUseIsOneLineNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            DashboardServer server = builder().port(port).build();
            PortInUseException e = assertThrows(PortInUseException.class, server::start);
            assertEquals("port " + port + " is already in use: stop whatever listens there, or pass --port",
                    e.getMessage());
            assertEquals(port, e.port());
            assertTrue(e.getCause() instanceof java.net.BindException, "keeps its cause");
            server.close();
        }
    }

    @Test
    void itListensOnLoopbackByDefaultAndStopsQuickly() throws Exception {
        DashboardServer server = builder().port(0).build().start();
        int port = server.port();
        assertTrue(port > 0);
        assertEquals("http://127.0.0.1:" + port + "/", server.uri().toString());
        assertEquals(200, Http.rawStatus(server, "/api/measures"));

        long start = System.nanoTime();
        server.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "close took " + took);
        assertThrows(ConnectException.class, () -> connect(port));
        server.close(); // idempotent
        assertThrows(IllegalStateException.class, server::start);
    }

    @Test
    void thePortIsFreeAgainAfterClose() throws Exception {
        int port;
        try (DashboardServer first = builder().port(0).build().start()) {
            port = first.port();
        }
        try (DashboardServer second = builder().port(port).build().start()) {
            assertEquals(port, second.port());
        }
    }

    @Test
    void portAndUriNeedAStartedServer() {
        DashboardServer server = builder().port(0).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, server::port);
        assertEquals("the dashboard is not started: call start() first", e.getMessage());
        server.start();
        assertThrows(IllegalStateException.class, server::start);
        server.close();
    }

    @Test
    void theBuilderChecksEachSettingAndNamesWhatIsMissing() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> DashboardServer.builder().build());
        assertEquals("metrics is not set: pass the time-series store, builder().metrics(store); "
                + "alerts is not set: pass the alert log, builder().alerts(log)", missing.getMessage());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> DashboardServer.builder().port(65536));
        assertEquals("port must be from 0 to 65535, got 65536", port.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DashboardServer.builder().port(-1));
        IllegalArgumentException host = assertThrows(IllegalArgumentException.class,
                () -> DashboardServer.builder().bindAddress("no-such-host.invalid"));
        assertEquals("bindAddress must be an IP address or a host name of this machine, got "
                + "'no-such-host.invalid'", host.getMessage());
        assertThrows(NullPointerException.class, () -> DashboardServer.builder().metrics(null));
    }

    @Test
    void anAddressOfAnotherMachineIsOneLine() {
        DashboardServer server = builder().bindAddress("192.0.2.1").port(0).build(); // TEST-NET-1
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, server::start);
        assertTrue(e.getMessage().startsWith("cannot listen on 192.0.2.1:0: "), e.getMessage());
    }

    private static DashboardServer.Builder builder() {
        return DashboardServer.builder().metrics(store).alerts(new InMemoryAlerts());
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }
}
