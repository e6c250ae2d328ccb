/**
 * The local cloud behind {@code sysmon local}: the shipped topic rules run on every accepted shadow update, with
 * their actions carried out on this machine ({@link io.sysmon.examples.rules.local.LocalRuleRunner}): Timestream
 * into the {@link io.sysmon.examples.store.TimeSeriesStore}, S3 into a folder, InfluxDB into a line-protocol
 * file, SNS into the {@link io.sysmon.examples.alerts.AlertNotifier}, CloudWatch Logs (the rules' error action)
 * into log files. {@link io.sysmon.examples.rules.local.LocalCloud} opens all of them in one data directory.
 */
package io.sysmon.examples.rules.local;
