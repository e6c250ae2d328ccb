package io.sysmon.examples.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysmon.examples.store.DataDirectoryException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts fire once and resolve once, in the log, in memory, on a restart and at the webhook. */
class AlertNotifierTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final String RULE = "shadow_alerts_to_sns";
    private static final String HOT = "dev_a: cpu_temp 88.3 °C > 80 °C";

    @TempDir
    Path dir;

    @Test
    void anAlertFiresOnceAndResolvesOnce() throws Exception {
        try (AlertNotifier alerts = AlertNotifier.open(dir, Optional.empty())) {
            assertFalse(alerts.isFiring("dev_a", RULE));
            assertTrue(alerts.fire("dev_a", RULE, HOT, T0));
            assertFalse(alerts.fire("dev_a", RULE, "dev_a: cpu_temp 90.0 °C > 80 °C", T0.plusSeconds(10)));
            assertTrue(alerts.isFiring("dev_a", RULE));
            assertEquals(List.of(new Alert("dev_a", RULE, HOT, T0, Optional.empty())), alerts.alerts(T0));

            assertFalse(alerts.resolve("dev_b", RULE, T0.plusSeconds(15)));
            assertTrue(alerts.resolve("dev_a", RULE, T0.plusSeconds(20)));
            assertFalse(alerts.resolve("dev_a", RULE, T0.plusSeconds(30)));
            assertFalse(alerts.isFiring("dev_a", RULE));
            assertEquals(List.of(new Alert("dev_a", RULE, HOT, T0, Optional.of(T0.plusSeconds(20)))),
                    alerts.alerts(T0));
        }
        assertEquals(List.of(
                "{\"event\":\"fired\",\"device\":\"dev_a\",\"rule\":\"" + RULE + "\",\"message\":\"" + HOT
                        + "\",\"time\":\"2024-05-01T12:00:00Z\"}",
                "{\"event\":\"resolved\",\"device\":\"dev_a\",\"rule\":\"" + RULE + "\",\"message\":\"" + HOT
                        + "\",\"time\":\"2024-05-01T12:00:20Z\",\"firedAt\":\"2024-05-01T12:00:00Z\"}"),
                Files.readAllLines(dir.resolve("notifications.log"), StandardCharsets.UTF_8));
    }

    @Test
    void alertsSurviveARestartAndAFiringOneStaysFiringUntilItResolves() {
        try (AlertNotifier alerts = AlertNotifier.open(dir, Optional.empty())) {
            alerts.fire("dev_a", RULE, HOT, T0);
            alerts.resolve("dev_a", RULE, T0.plusSeconds(20));
            alerts.fire("dev_b", RULE, "dev_b: cpu_usage 97.5 % > 90 %", T0.plusSeconds(30));
        }
        try (AlertNotifier reopened = AlertNotifier.open(dir, Optional.empty())) {
            assertTrue(reopened.isFiring("dev_b", RULE));
            assertFalse(reopened.fire("dev_b", RULE, "again", T0.plusSeconds(40)));
            assertEquals(List.of(
                    new Alert("dev_b", RULE, "dev_b: cpu_usage 97.5 % > 90 %", T0.plusSeconds(30), Optional.empty()),
                    new Alert("dev_a", RULE, HOT, T0, Optional.of(T0.plusSeconds(20)))), reopened.alerts(T0));
            assertTrue(reopened.resolve("dev_b", RULE, T0.plusSeconds(50)));
        }
        try (AlertNotifier again = AlertNotifier.open(dir, Optional.empty())) {
            assertEquals(List.of(Optional.of(T0.plusSeconds(50)), Optional.of(T0.plusSeconds(20))),
                    again.alerts(T0).stream().map(Alert::resolvedAt).toList());
        }
    }

    @Test
    void alertsSinceKeepsFiringOnesAndRecentOnesNewestFirst() {
        try (AlertNotifier alerts = AlertNotifier.open(dir, Optional.empty())) {
            alerts.fire("old", RULE, "old", T0);
            alerts.resolve("old", RULE, T0.plusSeconds(60));
            alerts.fire("still", RULE, "still", T0.plusSeconds(10));
            alerts.fire("late", RULE, "late", T0.plusSeconds(100));
            alerts.resolve("late", RULE, T0.plusSeconds(200));
            alerts.fire("recovered_late", RULE, "recovered_late", T0.plusSeconds(20));
            alerts.resolve("recovered_late", RULE, T0.plusSeconds(150));

            assertEquals(List.of("late", "recovered_late", "still"),
                    alerts.alerts(T0.plusSeconds(100)).stream().map(Alert::device).toList());
            assertEquals(List.of("still"), alerts.alerts(T0.plusSeconds(300)).stream().map(Alert::device).toList());
            assertEquals(4, alerts.alerts(Instant.EPOCH).size());
        }
    }

    @Test
    void bothEventsArePostedToTheWebhookInOrder() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(204);
             AlertNotifier alerts = AlertNotifier.open(dir, Optional.of(receiver.uri()))) {
            alerts.fire("dev_a", RULE, HOT, T0);
            alerts.fire("dev_a", RULE, HOT, T0.plusSeconds(10));
            alerts.resolve("dev_a", RULE, T0.plusSeconds(20));

            List<String> log = Files.readAllLines(alerts.logFile(), StandardCharsets.UTF_8);
            assertEquals(log.get(0), receiver.next(BOUND));
            assertEquals(log.get(1), receiver.next(BOUND));
            assertTrue(alerts.awaitWebhook(BOUND));
            assertEquals(0, receiver.waiting());
            assertEquals("application/json; charset=utf-8", receiver.firstContentType());
        }
    }

    @Test
    void aFailingWebhookNeverFailsTheAlert() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(500);
             AlertNotifier alerts = AlertNotifier.open(dir, Optional.of(receiver.uri()))) {
            assertTrue(alerts.fire("dev_a", RULE, HOT, T0));
            assertTrue(alerts.resolve("dev_a", RULE, T0.plusSeconds(20)));
            assertTrue(alerts.awaitWebhook(BOUND));
            assertEquals(2, Files.readAllLines(alerts.logFile()).size());
        }
        URI nobody = URI.create("http://127.0.0.1:1/alerts"); // nothing listens on port 1
        try (AlertNotifier alerts = AlertNotifier.open(dir.resolve("other"), Optional.of(nobody))) {
            assertTrue(alerts.fire("dev_a", RULE, HOT, T0));
            assertTrue(alerts.awaitWebhook(BOUND));
        }
    }

    @Test
    void aWebhookMustBeAnHttpUrlWithAHost() {
        assertEquals(URI.create("http://localhost:9000/alerts"), AlertNotifier.webhookUri("http://localhost:9000/alerts"));
        assertEquals(URI.create("https://example.com/x"), AlertNotifier.webhookUri(" https://example.com/x "));
        for (String bad : List.of("ftp://example.com/x", "localhost:9000", "http://", "/alerts", "not a url",
                "mailto:me@example.com")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AlertNotifier.webhookUri(bad));
            assertEquals("the webhook URL must be an http:// or https:// URL with a host, e.g. "
                    + "http://localhost:9000/alerts, got '" + bad + "'", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> AlertNotifier.open(dir, Optional.of(URI.create("ftp://example.com/x"))));
    }

    @Test
    void unreadableLinesOfTheLogAreSkippedWithOneWarning() throws Exception {
        try (AlertNotifier alerts = AlertNotifier.open(dir, Optional.empty())) {
            alerts.fire("dev_a", RULE, HOT, T0);
        }
        Files.writeString(dir.resolve("notifications.log"), "garbage\n{\"event\":\"fired\"}\n\n{\"event\":\"res",
                StandardOpenOption.APPEND);
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (AlertNotifier alerts = AlertNotifier.open(dir, Optional.empty(), warnings::add)) {
            assertTrue(alerts.isFiring("dev_a", RULE));
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).startsWith("skipped 3 lines of " + dir.resolve("notifications.log")),
                    warnings::toString);
        }
    }

    @Test
    void aDataDirectoryThatIsAFileIsATypedErrorNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        DataDirectoryException e = assertThrows(DataDirectoryException.class,
                () -> AlertNotifier.open(file, Optional.empty()));
        assertEquals(file, e.directory());
        assertTrue(e.getMessage().startsWith("cannot write to the data directory " + file + " ("), e::getMessage);
    }
}
