package io.sysmon.shadow.local.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShadowTopicTest {

    @Test
    void parsesClassicShadowRequests() {
        for (ShadowTopic.Operation op : ShadowTopic.Operation.values()) {
            String topic = "$aws/things/my_iot_device_1/shadow/" + op.name().toLowerCase(java.util.Locale.ROOT);
            assertEquals(Optional.of(new ShadowTopic(topic, ShadowKey.classic("my_iot_device_1"), op)),
                    ShadowTopic.parse(topic));
        }
    }

    @Test
    void parsesNamedShadowRequests() {
        String topic = "$aws/things/Thing:A-1/shadow/name/cfg_2:x-y/update";
        assertEquals(Optional.of(new ShadowTopic(topic, ShadowKey.named("Thing:A-1", "cfg_2:x-y"),
                ShadowTopic.Operation.UPDATE)), ShadowTopic.parse(topic));
    }

    @Test
    void acceptsNamesAtTheirMaximumLength() {
        String thing = "t".repeat(128);
        String shadow = "s".repeat(64);
        assertEquals(ShadowKey.named(thing, shadow),
                ShadowTopic.parse("$aws/things/" + thing + "/shadow/name/" + shadow + "/get").orElseThrow().key());
    }

    @Test
    void buildsResponseTopicsFromTheRequestTopic() {
        ShadowTopic topic = ShadowTopic.parse("$aws/things/t/shadow/name/s/update").orElseThrow();
        assertEquals("$aws/things/t/shadow/name/s/update/accepted", topic.acceptedTopic());
        assertEquals("$aws/things/t/shadow/name/s/update/rejected", topic.rejectedTopic());
        assertEquals("$aws/things/t/shadow/name/s/update/documents", topic.documentsTopic());
        assertEquals("$aws/things/t/shadow/name/s/update/delta", topic.deltaTopic());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "$aws/things/",
            "$aws/things/t",
            "$aws/things/t/shadow",
            "$aws/things/t/shadow/",
            "$aws/things/t/shadow/Update",
            "$aws/things/t/shadow/updates",
            "$aws/things/t/shadow/update/",
            "$aws/things/t/shadow/update/accepted",
            "$aws/things/t/shadow/update/rejected",
            "$aws/things/t/shadow/update/delta",
            "$aws/things/t/shadow/update/documents",
            "$aws/things/t/shadow/get/accepted",
            "$aws/things/t/shadow/delete/rejected",
            "$aws/things/t/shadow/name/update",
            "$aws/things/t/shadow/name//update",
            "$aws/things/t/shadow/name/s/update/accepted",
            "$aws/things/t/shadow/name/s/x/update",
            "$aws/things//shadow/update",
            "$aws/things/bad thing/shadow/update",
            "$aws/things/bad.thing/shadow/update",
            "$aws/things/t/shadow/name/bad.shadow/update",
            "$aws/things/t/jobs/get",
            "$aws/things/t/shadowx/update",
            "$aws/events/presence/connected/t",
            "aws/things/t/shadow/update",
            "things/t/shadow/update"})
    void rejectsEverythingElse(String topic) {
        assertEquals(Optional.empty(), ShadowTopic.parse(topic));
    }

    @Test
    void rejectsNamesOverTheirMaximumLength() {
        assertEquals(Optional.empty(), ShadowTopic.parse("$aws/things/" + "t".repeat(129) + "/shadow/update"));
        assertEquals(Optional.empty(),
                ShadowTopic.parse("$aws/things/t/shadow/name/" + "s".repeat(65) + "/update"));
    }
}
