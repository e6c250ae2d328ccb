package io.sysmon.examples.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DevicePolicyTest {

    @Test
    void theBuiltInPolicyIsTheOneInExamplesPolicies() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(Path.of("policies", "device-least-privilege.json").toFile()),
                json.readTree(DevicePolicy.LEAST_PRIVILEGE),
                "edit examples/policies/device-least-privilege.json and DevicePolicy.LEAST_PRIVILEGE together");
    }
}
