/**
 * Alerts from the alert rule's notifications: {@link io.sysmon.examples.alerts.AlertLog} is what dashboards read,
 * {@link io.sysmon.examples.alerts.AlertNotifier} the local stand-in for the SNS topic that fires an
 * {@link io.sysmon.examples.alerts.Alert} once per threshold crossing and resolves it once on recovery, logs both
 * to {@code notifications.log} and POSTs them to an optional webhook.
 */
package io.sysmon.examples.alerts;
