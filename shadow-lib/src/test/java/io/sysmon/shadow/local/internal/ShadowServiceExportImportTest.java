package io.sysmon.shadow.local.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShadowServiceExportImportTest extends ShadowTestSupport {

    @Test
    void exportedDocumentsRestoreTheShadowsInANewService() {
        update("{'state':{'desired':{'interval':5},'reported':{'interval':10}}}");
        update("{'state':{'reported':{'cpu':1}}}");
        publish(PREFIX + "/name/config/update", q("{'state':{'reported':{'x':[1,2]}}}"));
        publish("$aws/things/gone/shadow/update", q("{'state':{'reported':{'x':1}}}"));
        publish("$aws/things/gone/shadow/delete", "");

        Map<ShadowKey, String> exported = service.exportDocuments();

        assertEquals(2, exported.size(), exported::toString);
        tick();
        ShadowService restored = new ShadowService(clock);
        restored.importDocuments(exported);
        assertEquals(service.document(THING, Optional.empty()), restored.document(THING, Optional.empty()));
        assertEquals(service.document(THING, Optional.of("config")),
                restored.document(THING, Optional.of("config")));

        service = restored;
        ShadowService.Result result = update("{'state':{'reported':{'interval':5}},'version':2}");
        assertEquals(3, message(result, UPDATE + "/accepted").get("version").intValue());
        assertEquals(List.of(UPDATE + "/accepted", UPDATE + "/documents"), topics(result));
    }

    @Test
    void importRecreatesMissingMetadataWithTheCurrentTime() {
        service.importDocuments(Map.of(ShadowKey.classic(THING), q("{'state':{'desired':{'a':1}},'version':7}")));

        assertJson("{'state':{'desired':{'a':1}},'metadata':{'desired':{'a':{'timestamp':" + T0 + "}}},"
                + "'version':7}", document());
        ShadowService.Result get = publish(GET, "");
        assertJson("{'a':1}", message(get, GET + "/accepted").at("/state/delta"));
    }

    @Test
    void importRejectsEveryBadDocumentAndImportsNothing() {
        Map<ShadowKey, String> documents = Map.of(
                ShadowKey.classic("ok"), q("{'state':{},'version':1}"),
                ShadowKey.classic("a"), "not json",
                ShadowKey.classic("b"), q("{'state':{'desired':1},'version':1}"),
                ShadowKey.classic("c"), q("{'state':{}}"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> service.importDocuments(documents));

        assertTrue(e.getMessage().contains("a: not valid JSON"), e::getMessage);
        assertTrue(e.getMessage().contains("b: \"state.desired\" must be an object"), e::getMessage);
        assertTrue(e.getMessage().contains("c: \"version\" must be a non-negative integer"), e::getMessage);
        assertEquals(Map.of(), service.exportDocuments());
    }

    @Test
    void shadowKeyChecksNames() {
        assertEquals("t1/s1", ShadowKey.named("t1", "s1").toString());
        assertEquals(ShadowKey.named("t1", "s1"), ShadowKey.parse("t1/s1"));
        assertEquals(ShadowKey.classic("t1"), ShadowKey.parse("t1"));
        assertThrows(IllegalArgumentException.class, () -> ShadowKey.parse("t1/s1/x"));
        assertThrows(IllegalArgumentException.class, () -> ShadowKey.parse("t1/"));
        assertEquals("$aws/things/t1/shadow/name/s1", ShadowKey.named("t1", "s1").topicPrefix());
        assertEquals("$aws/things/t1/shadow", ShadowKey.classic("t1").topicPrefix());
        assertThrows(IllegalArgumentException.class, () -> ShadowKey.classic("bad name"));
        assertThrows(IllegalArgumentException.class, () -> ShadowKey.named("t1", "s".repeat(65)));
        assertThrows(IllegalArgumentException.class, () -> service.document("", Optional.empty()));
    }
}
