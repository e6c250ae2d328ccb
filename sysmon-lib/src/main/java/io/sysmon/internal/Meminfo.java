package io.sysmon.internal;

import java.util.OptionalLong;

/**
 * What {@code /proc/meminfo} says about RAM, in bytes.
 *
 * @param totalBytes {@code MemTotal}, or empty when missing or not a positive number
 * @param usedBytes {@code MemTotal - MemAvailable}, or {@code MemTotal - (MemFree + Buffers + Cached)} on kernels
 *        before 3.14, which lack MemAvailable; empty when neither can be computed or the result is negative
 */
public record Meminfo(OptionalLong totalBytes, OptionalLong usedBytes) {
}
