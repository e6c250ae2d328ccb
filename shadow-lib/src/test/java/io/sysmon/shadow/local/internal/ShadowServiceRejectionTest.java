package io.sysmon.shadow.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShadowServiceRejectionTest extends ShadowTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{'state':", "[1,2]", "'state'", "{'state':{}} trailing", "null"})
    void invalidJsonIs400(String payload) {
        assertRejected(update(payload), UPDATE, 400, "Invalid JSON");
    }

    @Test
    void utf16EncodedJsonIsNotTakenForJson() {
        byte[] utf16 = q("{'state':{}}").getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
        assertRejected(service.handle(UPDATE, utf16, CLIENT), UPDATE, 400, "Invalid JSON");
    }

    @Test
    void missingStateIs400() {
        assertRejected(update("{'desired':{'a':1}}"), UPDATE, 400, "Missing required node: state");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'on'", "1", "[1]", "true"})
    void stateThatIsNotAnObjectIs400(String state) {
        assertRejected(update("{'state':" + state + "}"), UPDATE, 400, "State node must be an object");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'state':{'desired':1}}|Desired node must be an object",
            "{'state':{'desired':[1]}}|Desired node must be an object",
            "{'state':{'reported':'x'}}|Reported node must be an object",
            "{'state':{'delta':{'a':1}}}|State contains an invalid node: 'delta'",
            "{'state':{'reported':{'a':[1,null]}}}|State contains an invalid node"})
    void malformedStateIs400(String payload, String message) {
        assertRejected(update(payload), UPDATE, 400, message);
    }

    @Test
    void nestingUpToSixLevelsIsAcceptedAndDeeperIs400() {
        // desired is level 1, and each object or array inside it one more.
        String six = "{'state':{'desired':{'l2':{'l3':{'l4':{'l5':{'l6':{'leaf':1}}}}}}}}";
        String seven = "{'state':{'desired':{'l2':{'l3':{'l4':{'l5':{'l6':{'l7':{'leaf':1}}}}}}}}}";
        String sevenWithArrays = "{'state':{'reported':{'l2':{'l3':{'l4':{'l5':[[['leaf']]]}}}}}}";

        assertEquals(1, message(update(six), UPDATE + "/accepted").get("version").intValue());
        assertRejected(update(seven), UPDATE, 400, "JSON contains too many levels of nesting; maximum is 6");
        assertRejected(update(sevenWithArrays), UPDATE, 400,
                "JSON contains too many levels of nesting; maximum is 6");
    }

    @Test
    void absurdlyDeepJsonIs400() {
        String deep = "{'state':{'desired':" + "{'a':".repeat(2_000) + "1" + "}".repeat(2_000) + "}}";
        assertEquals(400, tree(update(deep).messages().get(0)).get("code").intValue());
    }

    @Test
    void clientTokenOf64BytesIsAcceptedAnd65Is400WithoutEcho() {
        String ok = "t".repeat(64);
        assertEquals(ok, message(update("{'state':{},'clientToken':'" + ok + "'}"), UPDATE + "/accepted")
                .get("clientToken").textValue());

        ShadowService.Result result = update("{'state':{},'clientToken':'" + "t".repeat(65) + "'}");
        assertRejected(result, UPDATE, 400, "Invalid clientToken");
        assertTrue(tree(result.messages().get(0)).path("clientToken").isMissingNode());
    }

    @Test
    void clientTokenIsMeasuredInUtf8Bytes() {
        // 33 two-byte characters: 33 characters, 66 bytes.
        assertRejected(update("{'state':{},'clientToken':'" + "é".repeat(33) + "'}"), UPDATE, 400,
                "Invalid clientToken");
    }

    @Test
    void clientTokenThatIsNotAStringIs400() {
        assertRejected(update("{'state':{},'clientToken':42}"), UPDATE, 400, "Invalid clientToken");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'1'", "1.5", "null", "{}", "99999999999999999999999"})
    void versionThatIsNotAnIntegerIs400(String version) {
        assertRejected(update("{'state':{},'version':" + version + ",'clientToken':'c'}"), UPDATE, 400,
                "Invalid version");
    }

    @Test
    void versionMismatchIs409AndMatchingVersionIsAccepted() {
        update("{'state':{'reported':{'a':1}}}");
        update("{'state':{'reported':{'a':2}}}");

        ShadowService.Result stale = update("{'state':{'reported':{'a':3}},'version':1,'clientToken':'c'}");
        assertRejected(stale, UPDATE, 409, "Version conflict");
        assertEquals("c", tree(stale.messages().get(0)).get("clientToken").textValue());
        assertRejected(update("{'state':{'reported':{'a':3}},'version':3}"), UPDATE, 409, "Version conflict");
        assertEquals(2, document().get("version").intValue());

        ShadowService.Result current = update("{'state':{'reported':{'a':3}},'version':2}");
        assertEquals(3, message(current, UPDATE + "/accepted").get("version").intValue());
        assertEquals(3, document().at("/state/reported/a").intValue());
    }

    @Test
    void newShadowHasVersionZero() {
        assertRejected(update("{'state':{'reported':{'a':1}},'version':1}"), UPDATE, 409, "Version conflict");
        assertEquals(Optional.empty(), service.document(THING, Optional.empty()));
        assertEquals(1, message(update("{'state':{'reported':{'a':1}},'version':0}"), UPDATE + "/accepted")
                .get("version").intValue());
    }

    @Test
    void stateOfExactly8KiBIsAcceptedAndOneByteMoreIs413() {
        // {"s":"..."} is 8 bytes plus the string.
        String fits = "{'state':{'reported':{'s':'" + "x".repeat(8192 - 8) + "'}}}";
        String tooBig = "{'state':{'reported':{'s':'" + "x".repeat(8192 - 7) + "'}}}";

        ShadowService.Result rejected = update(tooBig);
        assertRejected(rejected, UPDATE, 413, "The payload exceeds the maximum size allowed");
        assertEquals(Optional.empty(), service.document(THING, Optional.empty()));

        assertEquals(1, message(update(fits), UPDATE + "/accepted").get("version").intValue());
    }

    @Test
    void sizeLimitCountsDesiredPlusReportedAfterTheMerge() {
        update("{'state':{'desired':{'s':'" + "x".repeat(4096 - 8) + "'}}}");
        update("{'state':{'reported':{'s':'" + "x".repeat(4096 - 8) + "'}}}");
        JsonNode before = document();

        assertRejected(update("{'state':{'reported':{'t':1}}}"), UPDATE, 413,
                "The payload exceeds the maximum size allowed");
        assertEquals(before, document());
        // Replacing a value with a shorter one must fit again.
        assertEquals(3, message(update("{'state':{'reported':{'s':'short','t':1}}}"), UPDATE + "/accepted")
                .get("version").intValue());
    }

    @Test
    void metadataDoesNotCountTowardsTheSizeLimit() {
        service = new ShadowService(clock, new ShadowLimits(64, 6));
        // 54 bytes of state whose metadata is far bigger than 64 bytes.
        String state = "{'a':1,'b':2,'c':3,'d':4,'e':5,'f':6,'g':7,'h':8,'i':9}";
        assertEquals(List.of(UPDATE + "/accepted", UPDATE + "/documents"),
                topics(update("{'state':{'reported':" + state + "}}")));
    }

    @Test
    void invalidUtf8Is415() {
        byte[] payload = {'{', '"', 's', 't', 'a', 't', 'e', '"', ':', '{', '"', (byte) 0xC3, (byte) 0x28, '"', ':',
                '1', '}', '}'};
        assertRejected(service.handle(UPDATE, payload, CLIENT), UPDATE, 415,
                "Unsupported documented encoding; supported encoding is UTF-8");
    }

    @Test
    void rejectedRequestsChangeNothing() {
        update("{'state':{'desired':{'a':1}}}");
        JsonNode before = document();

        update("{'state':{'desired':{'a':2}},'version':7}");
        update("{'state':{'desired':{'a':2},'bad':1}}");
        update("{'state':{'desired':{'a':[null]}}}");
        update("{'state':{'desired':{'a':2}},'clientToken':" + "'" + "x".repeat(65) + "'}");

        assertEquals(before, document());
    }

    @Test
    void limitsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ShadowLimits(0, -1));
        assertTrue(e.getMessage().contains("maxStateBytes") && e.getMessage().contains("maxNestingDepth"),
                e::getMessage);
    }
}
