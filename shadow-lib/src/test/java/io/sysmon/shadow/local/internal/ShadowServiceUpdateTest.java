package io.sysmon.shadow.local.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShadowServiceUpdateTest extends ShadowTestSupport {

    private static final String TUTORIAL = "{'state':{'reported':{'cpu_usage':12.5,'cpu_freq':1500,'cpu_temp':45.3,"
            + "'ram_usage':1234567,'ram_total':8000000000,'timestamp':1764278400}}}";

    private static final String TUTORIAL_METADATA = "{'reported':{'cpu_usage':{'timestamp':%1$d},"
            + "'cpu_freq':{'timestamp':%1$d},'cpu_temp':{'timestamp':%1$d},'ram_usage':{'timestamp':%1$d},"
            + "'ram_total':{'timestamp':%1$d},'timestamp':{'timestamp':%1$d}}}";

    @Test
    void tutorialDocumentIsAcceptedAsVersion1ThenVersion2() {
        ShadowService.Result first = update(TUTORIAL);

        assertTrue(first.isShadowRequest());
        assertEquals(List.of(UPDATE + "/accepted", UPDATE + "/documents"), topics(first));
        assertJson("{'state':" + json(TUTORIAL).get("state") + ",'metadata':" + String.format(TUTORIAL_METADATA, T0)
                + ",'version':1,'timestamp':" + T0 + "}", message(first, UPDATE + "/accepted"));

        tick();
        ShadowService.Result second = update(TUTORIAL);

        assertJson("{'state':" + json(TUTORIAL).get("state") + ",'metadata':"
                + String.format(TUTORIAL_METADATA, T0 + 10) + ",'version':2,'timestamp':" + (T0 + 10) + "}",
                message(second, UPDATE + "/accepted"));
        assertEquals(2, document().get("version").intValue());
    }

    @Test
    void documentsCarryPreviousAndCurrent() {
        ShadowService.Result first = update("{'state':{'reported':{'color':'red'}}}");
        assertJson("{'previous':null,'current':{'state':{'reported':{'color':'red'}},"
                + "'metadata':{'reported':{'color':{'timestamp':" + T0 + "}}},'version':1},'timestamp':" + T0 + "}",
                message(first, UPDATE + "/documents"));

        tick();
        ShadowService.Result second = update("{'state':{'desired':{'color':'green'}}}");
        long t1 = T0 + 10;
        assertJson("{'previous':{'state':{'reported':{'color':'red'}},"
                + "'metadata':{'reported':{'color':{'timestamp':" + T0 + "}}},'version':1},"
                + "'current':{'state':{'desired':{'color':'green'},'reported':{'color':'red'}},"
                + "'metadata':{'desired':{'color':{'timestamp':" + t1 + "}},"
                + "'reported':{'color':{'timestamp':" + T0 + "}}},'version':2},'timestamp':" + t1 + "}",
                message(second, UPDATE + "/documents"));
    }

    @Test
    void clientTokenIsEchoedInEveryResponse() {
        ShadowService.Result result = update("{'state':{'desired':{'interval':5}},'clientToken':'tok-1'}");

        assertEquals(List.of(UPDATE + "/accepted", UPDATE + "/delta", UPDATE + "/documents"), topics(result));
        for (ShadowService.Outbound message : result.messages()) {
            assertEquals("tok-1", tree(message).path("clientToken").textValue(), message::toString);
        }
        assertRejected(update("{'clientToken':'tok-2'}"), UPDATE, 400, "Missing required node: state");
        assertEquals("tok-2", tree(update("{'clientToken':'tok-2'}").messages().get(0)).get("clientToken")
                .textValue());
    }

    @Test
    void withoutClientTokenResponsesHaveNone() {
        ShadowService.Result result = update("{'state':{'desired':{'interval':5}}}");
        for (ShadowService.Outbound message : result.messages()) {
            assertTrue(tree(message).path("clientToken").isMissingNode(), message::toString);
        }
    }

    @Test
    void nullRemovesAnAttributeAndItsMetadata() {
        update("{'state':{'reported':{'a':1,'b':2}}}");
        tick();
        ShadowService.Result result = update("{'state':{'reported':{'a':null}}}");

        long t1 = T0 + 10;
        assertJson("{'state':{'reported':{'a':null}},'metadata':{'reported':{'a':{'timestamp':" + t1 + "}}},"
                + "'version':2,'timestamp':" + t1 + "}", message(result, UPDATE + "/accepted"));
        assertJson("{'state':{'reported':{'b':2}},'metadata':{'reported':{'b':{'timestamp':" + T0 + "}}},"
                + "'version':2}", document());
    }

    @Test
    void nullRemovesAWholeSection() {
        update("{'state':{'desired':{'color':'green'},'reported':{'color':'red'}}}");
        tick();
        ShadowService.Result result = update("{'state':{'reported':{'color':'green'},'desired':null}}");

        long t1 = T0 + 10;
        assertJson("{'state':{'reported':{'color':'green'},'desired':null},"
                + "'metadata':{'reported':{'color':{'timestamp':" + t1 + "}},'desired':{'timestamp':" + t1 + "}},"
                + "'version':2,'timestamp':" + t1 + "}", message(result, UPDATE + "/accepted"));
        assertJson("{'state':{'reported':{'color':'green'}},'metadata':{'reported':{'color':{'timestamp':" + t1
                + "}}},'version':2}", document());
    }

    @Test
    void nullStateEmptiesTheShadowButKeepsItAndItsVersion() {
        update("{'state':{'desired':{'a':1},'reported':{'b':2}}}");
        ShadowService.Result result = update("{'state':null}");

        assertJson("{'state':null,'metadata':{'timestamp':" + T0 + "},'version':2,'timestamp':" + T0 + "}",
                message(result, UPDATE + "/accepted"));
        assertJson("{'state':{},'metadata':{},'version':2}", document());
        assertEquals(3, message(update("{'state':{}}"), UPDATE + "/accepted").get("version").intValue());
    }

    @Test
    void objectsMergeRecursively() {
        update("{'state':{'reported':{'net':{'eth0':{'rx':1,'tx':2},'up':true}}}}");
        tick();
        update("{'state':{'reported':{'net':{'eth0':{'rx':5}}}}}");

        long t1 = T0 + 10;
        assertJson("{'state':{'reported':{'net':{'eth0':{'rx':5,'tx':2},'up':true}}},"
                + "'metadata':{'reported':{'net':{'eth0':{'rx':{'timestamp':" + t1 + "},'tx':{'timestamp':" + T0
                + "}},'up':{'timestamp':" + T0 + "}}}},'version':2}", document());
    }

    @Test
    void emptyObjectsLeftByRemovalsAreRemoved() {
        update("{'state':{'reported':{'net':{'eth0':{'rx':1}},'cpu':1}}}");
        update("{'state':{'reported':{'net':{'eth0':{'rx':null}}}}}");
        assertJson("{'state':{'reported':{'cpu':1}},'metadata':{'reported':{'cpu':{'timestamp':" + T0 + "}}},"
                + "'version':2}", document());

        update("{'state':{'reported':{'cpu':null}}}");
        assertJson("{'state':{},'metadata':{},'version':3}", document());
    }

    @Test
    void arraysAreReplacedWholeWithOneTimestampPerElement() {
        update("{'state':{'desired':{'colors':['RED','GREEN','BLUE'],'fans':[{'rpm':1}]}}}");
        tick();
        ShadowService.Result result = update("{'state':{'desired':{'colors':['RED']}}}");

        long t1 = T0 + 10;
        assertJson("{'desired':{'colors':[{'timestamp':" + t1 + "}]}}",
                message(result, UPDATE + "/accepted").get("metadata"));
        assertJson("{'state':{'desired':{'colors':['RED'],'fans':[{'rpm':1}]}},"
                + "'metadata':{'desired':{'colors':[{'timestamp':" + t1 + "}],"
                + "'fans':[{'rpm':{'timestamp':" + T0 + "}}]}},'version':2}", document());
    }

    @Test
    void valueTypeMayChangeBetweenScalarObjectAndArray() {
        update("{'state':{'reported':{'x':1}}}");
        update("{'state':{'reported':{'x':{'y':2}}}}");
        assertJson("{'reported':{'x':{'y':2}}}", document().get("state"));
        update("{'state':{'reported':{'x':[1,2]}}}");
        assertJson("{'reported':{'x':[1,2]}}", document().get("state"));
        update("{'state':{'reported':{'x':'s'}}}");
        assertJson("{'state':{'reported':{'x':'s'}},'metadata':{'reported':{'x':{'timestamp':" + T0 + "}}},"
                + "'version':4}", document());
    }

    @Test
    void deltaIsPublishedWhenDesiredDiffersFromReported() {
        update("{'state':{'reported':{'interval':10,'mode':'auto'}}}");
        tick();
        ShadowService.Result result = update("{'state':{'desired':{'interval':5,'mode':'auto','new':true}}}");

        long t1 = T0 + 10;
        assertEquals(List.of(UPDATE + "/accepted", UPDATE + "/delta", UPDATE + "/documents"), topics(result));
        assertJson("{'state':{'interval':5,'new':true},'metadata':{'interval':{'timestamp':" + t1 + "},"
                + "'new':{'timestamp':" + t1 + "}},'version':2,'timestamp':" + t1 + "}",
                message(result, UPDATE + "/delta"));
    }

    @Test
    void noDeltaWhenDesiredEqualsReported() {
        update("{'state':{'reported':{'interval':5,'mode':'auto'}}}");
        ShadowService.Result result = update("{'state':{'desired':{'interval':5}}}");
        assertEquals(List.of(UPDATE + "/accepted", UPDATE + "/documents"), topics(result));
    }

    @Test
    void numbersAreComparedByValue() {
        update("{'state':{'reported':{'interval':5.0}}}");
        ShadowService.Result result = update("{'state':{'desired':{'interval':5}}}");
        assertEquals(List.of(UPDATE + "/accepted", UPDATE + "/documents"), topics(result));
    }

    @Test
    void deltaOfNestedObjectsKeepsThePathToEachDifference() {
        update("{'state':{'reported':{'lights':{'color':{'r':255,'g':0,'b':255}},'arr':[1,2]}}}");
        tick();
        ShadowService.Result result = update(
                "{'state':{'desired':{'lights':{'color':{'r':255,'g':255,'b':255}},'arr':[1,2,3]}}}");

        long t1 = T0 + 10;
        assertJson("{'state':{'lights':{'color':{'g':255}},'arr':[1,2,3]},"
                + "'metadata':{'lights':{'color':{'g':{'timestamp':" + t1 + "}}},"
                + "'arr':[{'timestamp':" + t1 + "},{'timestamp':" + t1 + "},{'timestamp':" + t1 + "}]},"
                + "'version':2,'timestamp':" + t1 + "}", message(result, UPDATE + "/delta"));
    }

    @Test
    void deltaGoesAwayOnceTheDeviceReportsTheDesiredValue() {
        update("{'state':{'reported':{'interval':10}}}");
        ShadowService.Result desired = update("{'state':{'desired':{'interval':5}}}");
        assertJson("{'interval':5}", message(desired, UPDATE + "/delta").get("state"));
        assertJson("{'interval':5}", message(publish(GET, ""), GET + "/accepted").get("state").get("delta"));

        ShadowService.Result reported = update("{'state':{'reported':{'interval':5}}}");

        assertEquals(List.of(UPDATE + "/accepted", UPDATE + "/documents"), topics(reported));
        assertJson("{'reported':{'interval':5},'desired':{'interval':5}}",
                message(publish(GET, ""), GET + "/accepted").get("state"));
    }

    /**
     * AWS: "If an attribute is deleted from the reported section but still exists in the desired section, it is
     * included" in the delta; and the delta lists every differing attribute, not only those in the request.
     */
    @Test
    void reportedOnlyUpdateThatLeavesADifferencePublishesTheWholeDelta() {
        update("{'state':{'desired':{'a':1,'b':2},'reported':{'a':1,'b':2}}}");
        tick();
        ShadowService.Result result = update("{'state':{'reported':{'a':null,'b':3}}}");

        assertEquals(List.of(UPDATE + "/accepted", UPDATE + "/delta", UPDATE + "/documents"), topics(result));
        assertJson("{'state':{'a':1,'b':2},'metadata':{'a':{'timestamp':" + T0 + "},'b':{'timestamp':" + T0
                + "}},'version':2,'timestamp':" + (T0 + 10) + "}", message(result, UPDATE + "/delta"));
    }

    @Test
    void everyAcceptedUpdateBumpsTheVersionEvenWithoutChanges() {
        update("{'state':{'reported':{'a':1}}}");
        update("{'state':{'reported':{'a':1}}}");
        assertEquals(3, message(update("{'state':{}}"), UPDATE + "/accepted").get("version").intValue());
        assertJson("{'state':{'reported':{'a':1}},'metadata':{'reported':{'a':{'timestamp':" + T0 + "}}},"
                + "'version':3}", document());
    }

    @Test
    void requestWithBothSectionsUpdatesBoth() {
        ShadowService.Result result = update("{'state':{'desired':{'a':1},'reported':{'a':2}},'version':0}");
        assertJson("{'state':{'desired':{'a':1},'reported':{'a':2}},"
                + "'metadata':{'desired':{'a':{'timestamp':" + T0 + "}},'reported':{'a':{'timestamp':" + T0 + "}}},"
                + "'version':1,'timestamp':" + T0 + "}", message(result, UPDATE + "/accepted"));
    }

    @Test
    void namedShadowsAreIndependentOfTheClassicShadow() {
        String named = PREFIX + "/name/config/update";
        update("{'state':{'reported':{'a':1}}}");
        ShadowService.Result result = publish(named, q("{'state':{'desired':{'b':2}},'clientToken':'n'}"));

        assertEquals(List.of(named + "/accepted", named + "/delta", named + "/documents"), topics(result));
        assertJson("{'previous':null,'current':{'state':{'desired':{'b':2}},"
                + "'metadata':{'desired':{'b':{'timestamp':" + T0 + "}}},'version':1},'timestamp':" + T0
                + ",'clientToken':'n'}", message(result, named + "/documents"));
        assertJson("{'state':{'reported':{'a':1}},'metadata':{'reported':{'a':{'timestamp':" + T0 + "}}},"
                + "'version':1}", document());
        assertJson("{'state':{'desired':{'b':2}},'metadata':{'desired':{'b':{'timestamp':" + T0 + "}}},"
                + "'version':1}", json(service.document(THING, java.util.Optional.of("config")).orElseThrow()));
    }
}
