/**
 * Samples a machine's system metrics: the {@link io.sysmon.MetricsSampler} interface, its three
 * implementations, the immutable {@link io.sysmon.MetricsSnapshot} and the shadow
 * {@link io.sysmon.MetricsPayload}.
 */
package io.sysmon;
