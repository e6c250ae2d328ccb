package io.sysmon.internal;

/**
 * The aggregate {@code cpu} line of {@code /proc/stat}, in clock ticks (USER_HZ) since boot. OSHI's system tick
 * counters have the same fields in the same order.
 *
 * <p>guest and guest_nice are not kept: the kernel already counts them inside user and nice.
 *
 * @param user time in user mode
 * @param nice time in user mode at low priority
 * @param system time in kernel mode
 * @param idle time idle
 * @param iowait time idle while I/O was outstanding
 * @param irq time servicing interrupts
 * @param softirq time servicing soft interrupts
 * @param steal time a hypervisor gave to other guests
 */
public record CpuTicks(long user, long nice, long system, long idle, long iowait, long irq, long softirq,
        long steal) {
}
