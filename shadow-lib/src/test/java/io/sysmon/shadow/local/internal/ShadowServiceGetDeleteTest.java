package io.sysmon.shadow.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShadowServiceGetDeleteTest extends ShadowTestSupport {

    @Test
    void getReturnsTheWholeDocumentWithDelta() {
        update("{'state':{'reported':{'color':'red','temp':21}}}");
        tick();
        update("{'state':{'desired':{'color':'green'}}}");
        tick();

        ShadowService.Result result = publish(GET, "");

        long t1 = T0 + 10;
        assertEquals(List.of(GET + "/accepted"), topics(result));
        assertJson("{'state':{'desired':{'color':'green'},'reported':{'color':'red','temp':21},"
                + "'delta':{'color':'green'}},"
                + "'metadata':{'desired':{'color':{'timestamp':" + t1 + "}},"
                + "'reported':{'color':{'timestamp':" + T0 + "},'temp':{'timestamp':" + T0 + "}}},"
                + "'version':2,'timestamp':" + (T0 + 20) + "}", message(result, GET + "/accepted"));
    }

    @Test
    void getEchoesTheClientToken() {
        update("{'state':{'reported':{'a':1}}}");
        assertJson("{'state':{'reported':{'a':1}},'metadata':{'reported':{'a':{'timestamp':" + T0 + "}}},"
                + "'version':1,'timestamp':" + T0 + ",'clientToken':'g1'}",
                message(publish(GET, q("{'clientToken':'g1'}")), GET + "/accepted"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{}", "[]", "{'other':1}"})
    void getIgnoresPayloadsWithoutAValidClientToken(String payload) {
        update("{'state':{'reported':{'a':1}}}");
        ShadowService.Result result = publish(GET, q(payload));
        assertEquals(List.of(GET + "/accepted"), topics(result));
        assertTrue(message(result, GET + "/accepted").path("clientToken").isMissingNode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'clientToken':7}",
            "{'clientToken':'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'}"})
    void getOrDeleteWithAnInvalidClientTokenIs400(String payload) {
        update("{'state':{'reported':{'a':1}}}");
        assertRejected(publish(GET, q(payload)), GET, 400, "Invalid clientToken");
        assertRejected(publish(DELETE, q(payload)), DELETE, 400, "Invalid clientToken");
        assertEquals(1, document().get("version").intValue());
    }

    @Test
    void getOfAMissingShadowIs404() {
        ShadowService.Result result = publish(GET, q("{'clientToken':'c'}"));
        assertRejected(result, GET, 404, "No shadow exists with name: '" + THING + "'");
        JsonNode error = message(result, GET + "/rejected");
        assertEquals(T0, error.get("timestamp").longValue());
        assertEquals("c", error.get("clientToken").textValue());
        assertEquals(4, error.size(), error::toString);
    }

    @Test
    void getOfAMissingNamedShadowNamesTheShadow() {
        update("{'state':{'reported':{'a':1}}}");
        String get = PREFIX + "/name/config/get";
        assertRejected(publish(get, ""), get, 404, "No shadow exists with name: 'config'");
    }

    @Test
    void deleteRemovesTheShadowAndAnswersWithItsVersion() {
        update("{'state':{'reported':{'a':1}}}");
        update("{'state':{'reported':{'a':2}}}");
        tick();

        ShadowService.Result result = publish(DELETE, q("{'clientToken':'d'}"));

        assertJson("{'version':2,'timestamp':" + (T0 + 10) + ",'clientToken':'d'}",
                message(result, DELETE + "/accepted"));
        assertEquals(Optional.empty(), service.document(THING, Optional.empty()));
        assertRejected(publish(GET, ""), GET, 404, "No shadow exists with name: '" + THING + "'");
        assertRejected(publish(DELETE, ""), DELETE, 404, "No shadow exists with name: '" + THING + "'");
    }

    @Test
    void deleteOfAMissingShadowIs404() {
        ShadowService.Result result = publish(DELETE, "");
        assertRejected(result, DELETE, 404, "No shadow exists with name: '" + THING + "'");
    }

    @Test
    void deletePayloadIsIgnored() {
        update("{'state':{'reported':{'a':1}}}");
        assertEquals(List.of(DELETE + "/accepted"), topics(publish(DELETE, "whatever")));
    }

    /** AWS: "Deleting a shadow does not reset its version number to 0" (within 48 hours of the delete). */
    @Test
    void shadowRecreatedAfterDeleteContinuesTheVersion() {
        update("{'state':{'reported':{'a':1}}}");
        update("{'state':{'reported':{'a':2}}}");
        publish(DELETE, "");

        ShadowService.Result result = update("{'state':{'reported':{'b':1}}}");

        assertEquals(3, message(result, UPDATE + "/accepted").get("version").intValue());
        assertJson("{'previous':null,'current':{'state':{'reported':{'b':1}},"
                + "'metadata':{'reported':{'b':{'timestamp':" + T0 + "}}},'version':3},'timestamp':" + T0 + "}",
                message(result, UPDATE + "/documents"));
    }

    @Test
    void versionOfADeletedShadowIsTheOneToMatch() {
        update("{'state':{'reported':{'a':1}}}");
        publish(DELETE, "");
        assertRejected(update("{'state':{'reported':{'a':1}},'version':0}"), UPDATE, 409, "Version conflict");
        assertEquals(2, message(update("{'state':{'reported':{'a':1}},'version':1}"), UPDATE + "/accepted")
                .get("version").intValue());
    }

    @Test
    void versionStartsAgainMoreThan48HoursAfterTheDelete() {
        update("{'state':{'reported':{'a':1}}}");
        publish(DELETE, "");
        clock.advance(Duration.ofHours(48));
        assertEquals(2, message(update("{'state':{'reported':{'a':1}}}"), UPDATE + "/accepted")
                .get("version").intValue());

        publish(DELETE, "");
        clock.advance(Duration.ofHours(48).plusSeconds(1));
        assertEquals(1, message(update("{'state':{'reported':{'a':1}}}"), UPDATE + "/accepted")
                .get("version").intValue());
    }

    @Test
    void deletingTheClassicShadowLeavesNamedShadowsAlone() {
        String named = PREFIX + "/name/config";
        update("{'state':{'reported':{'a':1}}}");
        publish(named + "/update", q("{'state':{'reported':{'b':1}}}"));

        publish(DELETE, "");

        assertEquals(Optional.empty(), service.document(THING, Optional.empty()));
        assertEquals(List.of(named + "/get/accepted"), topics(publish(named + "/get", "")));
        assertEquals(List.of(named + "/delete/accepted"), topics(publish(named + "/delete", "")));
        assertEquals(Optional.empty(), service.document(THING, Optional.of("config")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$aws/things/my_iot_device_1/shadow/update/accepted",
            "$aws/things/my_iot_device_1/shadow/update/documents",
            "$aws/things/my_iot_device_1/shadow/update/delta",
            "$aws/things/my_iot_device_1/shadow/get/rejected",
            "$aws/things/my_iot_device_1/shadow/name/config/update/accepted",
            "$aws/things/my_iot_device_1/jobs/get",
            "$aws/events/presence/connected/my_iot_device_1",
            "sysmon/my_iot_device_1/metrics",
            "$aws/things/bad thing/shadow/update"})
    void nonRequestTopicsAreIgnored(String topic) {
        ShadowService.Result result = service.handle(topic,
                q("{'state':{'reported':{'a':1}}}").getBytes(StandardCharsets.UTF_8), CLIENT);
        assertFalse(result.isShadowRequest());
        assertEquals(List.of(), result.messages());
        assertEquals(Optional.empty(), service.document(THING, Optional.empty()));
    }
}
