/**
 * Samples a machine's system metrics: the {@link io.sysmon.MetricsSampler} interface, its three
 * implementations, the immutable {@link io.sysmon.MetricsSnapshot}, the shadow {@link io.sysmon.MetricsPayload}
 * and the {@link io.sysmon.SensorLimits} beyond which a reading counts as a broken sensor.
 */
package io.sysmon;
