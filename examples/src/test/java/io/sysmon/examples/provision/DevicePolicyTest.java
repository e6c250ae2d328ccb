package io.sysmon.examples.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DevicePolicyTest {

    private static final Path FILE = Path.of("policies", "device-least-privilege.json");

    @Test
    void theBuiltInPolicyIsTheOneInExamplesPolicies() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(FILE.toFile()), json.readTree(DevicePolicy.leastPrivilege()),
                "the pom packs examples/policies/device-least-privilege.json as " + DevicePolicy.RESOURCE);
    }

    @Test
    void theResourceIsTheFileByteForByte() throws Exception {
        assertEquals(Files.readString(FILE), DevicePolicy.leastPrivilege());
    }
}
