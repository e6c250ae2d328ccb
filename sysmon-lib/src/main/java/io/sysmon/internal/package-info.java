/**
 * Implementation of {@link io.sysmon.SysfsMetricsSampler}: not API. Types here may change or vanish in any
 * release; some are public only so the sampler and the benchmarks module can reach them.
 *
 * <p>The split follows "read once, parse purely": {@link io.sysmon.internal.SmallFileReader} is the one place
 * that touches files per sample, the parsers take strings and never throw on junk, and
 * {@link io.sysmon.internal.SensorDiscovery} walks {@code /sys} once, at construction.
 */
package io.sysmon.internal;
