package io.sysmon.shadow.local.internal;

import io.sysmon.shadow.local.AcceptedUpdate;
import io.sysmon.shadow.local.AcceptedUpdateListener;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShadowServiceListenerTest extends ShadowTestSupport {

    private final List<AcceptedUpdate> seen = new CopyOnWriteArrayList<>();

    @Test
    void listenerSeesAcceptedUpdatesWithTheOriginalRequestAndClientId() {
        service.addListener(seen::add);
        // Spacing and field order as published; the rules engine must see these bytes, not the merged document.
        String request = "{ \"state\" : { \"reported\" : { \"cpu_usage\" : 12.50 } }, \"clientToken\":\"é\" }";

        service.handle(UPDATE, request.getBytes(StandardCharsets.UTF_8), "device-42");

        assertEquals(1, seen.size());
        AcceptedUpdate update = seen.get(0);
        assertEquals(THING, update.thingName());
        assertEquals(Optional.empty(), update.shadowName());
        assertEquals(UPDATE, update.topic());
        assertEquals(request, update.request());
        assertEquals("device-42", update.clientId());
        assertEquals(1, update.version());
        assertEquals(Instant.ofEpochSecond(T0), update.timestamp());
        assertJson("{'state':{'reported':{'cpu_usage':12.5}},"
                + "'metadata':{'reported':{'cpu_usage':{'timestamp':" + T0 + "}}},'version':1}",
                json(update.current()));
    }

    @Test
    void listenerSeesNamedShadowUpdates() {
        service.addListener(seen::add);
        String topic = PREFIX + "/name/config/update";
        publish(topic, q("{'state':{'desired':{'interval':5}}}"));

        assertEquals(Optional.of("config"), seen.get(0).shadowName());
        assertEquals(topic, seen.get(0).topic());
    }

    @Test
    void listenerDoesNotSeeRejectedUpdatesGetsOrDeletes() {
        service.addListener(seen::add);
        update("{'state':{'reported':{'a':1}}}");

        update("{'state':{'reported':{'a':2}},'version':9}");
        update("not json");
        publish(GET, "");
        publish(DELETE, "");
        publish(UPDATE + "/accepted", "{}");

        assertEquals(1, seen.size());
    }

    @Test
    void throwingListenerDoesNotBreakUpdatesOrOtherListeners() {
        service.addListener(update -> {
            throw new IllegalStateException("listener bug");
        });
        service.addListener(seen::add);

        ShadowService.Result result = update("{'state':{'reported':{'a':1}}}");
        update("{'state':{'reported':{'a':2}}}");

        assertEquals(List.of(UPDATE + "/accepted", UPDATE + "/documents"), topics(result));
        assertEquals(2, seen.size());
        assertEquals(2, document().get("version").intValue());
    }

    @Test
    void removedListenerIsNotCalled() {
        AcceptedUpdateListener listener = seen::add;
        service.addListener(listener);
        update("{'state':{'reported':{'a':1}}}");
        service.removeListener(listener);
        update("{'state':{'reported':{'a':2}}}");

        assertEquals(1, seen.size());
    }
}
