package io.sysmon.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsIotNamesTest {

    @Test
    void anEndpointIsABareHostName() {
        assertEquals("abc123-ats.iot.us-east-1.amazonaws.com",
                AwsIotNames.requireEndpointHost("abc123-ats.iot.us-east-1.amazonaws.com"));
        assertEquals("127.0.0.1", AwsIotNames.requireEndpointHost("127.0.0.1"));
        assertEquals("[::1]", AwsIotNames.requireEndpointHost("[::1]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "mqtts://abc.example", "abc.example:8883", "::1"})
    void anEndpointWithASchemeOrPortIsRefusedNamingIt(String host) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AwsIotNames.requireEndpointHost(host));
        assertEquals("endpoint must be a bare host name such as abc123-ats.iot.us-east-1.amazonaws.com "
                + "(no scheme, no port), got '" + host + "'", e.getMessage());
        // The builder applies the same rule.
        assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class,
                () -> ShadowClientConfig.builder().endpoint(host)).getMessage());
    }

    @Test
    void aMissingEndpointIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AwsIotNames.requireEndpointHost(null));
    }

    @Test
    void credentialFilesHaveTheAwsConsoleNames() {
        assertEquals("my_iot_device_1-certificate.pem.crt", AwsIotNames.certificateFileName("my_iot_device_1"));
        assertEquals("my_iot_device_1-private.pem.key", AwsIotNames.privateKeyFileName("my_iot_device_1"));
        assertThrows(IllegalArgumentException.class, () -> AwsIotNames.certificateFileName("../escape"));
        assertThrows(IllegalArgumentException.class, () -> AwsIotNames.privateKeyFileName("a/b"));

        ShadowClientConfig config = ShadowClientConfig.builder().endpoint("localhost").thingName("my_iot_device_1")
                .credentialsIn(Path.of("certs")).build();
        assertEquals(Path.of("certs", "my_iot_device_1-certificate.pem.crt"), config.certificateFile());
        assertEquals(Path.of("certs", "my_iot_device_1-private.pem.key"), config.privateKeyFile());
    }

    @Test
    void shadowNamesFollowTheirOwnLengthLimit() {
        assertTrue(AwsIotNames.isValidShadowName("s".repeat(AwsIotNames.MAX_SHADOW_NAME_LENGTH)));
        assertFalse(AwsIotNames.isValidShadowName("s".repeat(AwsIotNames.MAX_SHADOW_NAME_LENGTH + 1)));
        assertFalse(AwsIotNames.isValidShadowName(""));
        assertFalse(AwsIotNames.isValidShadowName(null));
        assertFalse(AwsIotNames.isValidShadowName("bad.name"));
        assertTrue(AwsIotNames.isValidShadowName("cfg_2:x-Y"));
    }

    @Test
    void nameCharactersAreLettersDigitsColonUnderscoreAndHyphen() {
        for (char c : "azAZ09:_-".toCharArray()) {
            assertTrue(AwsIotNames.isNameCharacter(c), String.valueOf(c));
        }
        for (char c : " ./$#+\u00e9".toCharArray()) {
            assertFalse(AwsIotNames.isNameCharacter(c), String.valueOf(c));
        }
    }
}
