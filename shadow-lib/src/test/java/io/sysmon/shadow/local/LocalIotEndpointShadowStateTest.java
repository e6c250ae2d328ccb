package io.sysmon.shadow.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shadows survive a restart of the local endpoint when it has a shadow state file. */
class LocalIotEndpointShadowStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LocalIotEndpoint endpoint(Path stateFile) {
        return LocalIotEndpoint.builder().certsDir(dir.resolve("certs")).workDir(dir.resolve("broker"))
                .shadowStateFile(stateFile).build();
    }

    @Test
    void shadowsAreWrittenOnStopAndReadOnTheNextStart() throws Exception {
        Path state = dir.resolve("data/shadows.json");
        try (LocalIotEndpoint first = endpoint(state).start()) {
            first.updateShadow("my_iot_device_1", Optional.empty(), "{\"state\":{\"reported\":{\"cpu_usage\":1.5}}}");
            first.updateShadow("my_iot_device_1", Optional.of("metrics"), "{\"state\":{\"desired\":{\"interval\":5}}}");
            first.updateShadow("my_iot_device_1", Optional.empty(), "{\"state\":{\"reported\":{\"cpu_usage\":2.5}}}");
        }
        assertTrue(Files.exists(state));

        try (LocalIotEndpoint second = endpoint(state)) {
            JsonNode classic = JSON.readTree(second.shadowDocument("my_iot_device_1", Optional.empty()).orElseThrow());
            assertEquals(2, classic.path("version").asLong());
            assertEquals(2.5, classic.path("state").path("reported").path("cpu_usage").asDouble());
            JsonNode named = JSON.readTree(second.shadowDocument("my_iot_device_1", Optional.of("metrics")).orElseThrow());
            assertEquals(5, named.path("state").path("desired").path("interval").asInt());
        }
    }

    @Test
    void anUnreadableStateFileIsNamedWithTheFix() throws Exception {
        Path state = Files.writeString(dir.resolve("shadows.json"), "{not json");
        LocalEndpointException e = assertThrows(LocalEndpointException.class, () -> endpoint(state));
        assertTrue(e.getMessage().contains(state.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("delete it"), e.getMessage());
    }
}
