package io.sysmon.internal;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Pure parsers for {@code /proc/stat}, {@code /proc/meminfo} and {@code /proc/cpuinfo}. They take the file's text,
 * look only at what they need, and return empty on junk rather than throw.
 */
public final class ProcParsers {

    private static final int CPU_TICK_FIELDS = 8;
    /** user, nice, system, idle: what even 2.4 kernels wrote. */
    private static final int MIN_CPU_TICK_FIELDS = 4;
    private static final long KIB = 1024;

    private ProcParsers() {
    }

    /**
     * Parses the aggregate line, which the kernel always writes first, and ignores the rest of the file (on a
     * many-core machine the per-CPU and interrupt lines are most of it).
     *
     * @param procStat the text of {@code /proc/stat}, or at least its first line
     * @return the ticks, or empty when the first line is not a {@code cpu} line with at least four non-negative
     *         counters; counters an old kernel does not write (iowait, irq, softirq, steal) count as 0
     */
    public static Optional<CpuTicks> parseCpuTicks(String procStat) {
        if (procStat == null || !procStat.startsWith("cpu ")) {
            return Optional.empty();
        }
        int end = procStat.indexOf('\n');
        if (end < 0) {
            end = procStat.length();
        }
        long[] fields = new long[CPU_TICK_FIELDS];
        int count = 0;
        int i = 3;
        while (count < CPU_TICK_FIELDS) {
            int start = Numbers.skipSpace(procStat, i, end);
            if (start >= end) {
                break;
            }
            int stop = start;
            while (stop < end && !Numbers.isSpace(procStat.charAt(stop))) {
                stop++;
            }
            long value = Numbers.parseDigits(procStat, start, stop);
            if (value == Numbers.NOT_A_NUMBER) {
                return Optional.empty();
            }
            fields[count++] = value;
            i = stop;
        }
        if (count < MIN_CPU_TICK_FIELDS) {
            return Optional.empty();
        }
        long sum = 0;
        for (long field : fields) {
            sum += field;
            if (sum < 0) {
                // Real counters are far from this; overflow means junk, and would poison every later delta.
                return Optional.empty();
            }
        }
        return Optional.of(new CpuTicks(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5],
                fields[6], fields[7]));
    }

    /**
     * @param procMeminfo the text of {@code /proc/meminfo}
     * @return RAM total and used; either may be empty (see {@link Meminfo}), never {@code null}
     */
    public static Meminfo parseMeminfo(String procMeminfo) {
        long total = -1;
        long free = -1;
        long available = -1;
        long buffers = -1;
        long cached = -1;
        if (procMeminfo != null) {
            int length = procMeminfo.length();
            int lineStart = 0;
            while (lineStart < length && (total < 0 || available < 0)) {
                int lineEnd = procMeminfo.indexOf('\n', lineStart);
                if (lineEnd < 0) {
                    lineEnd = length;
                }
                int colon = procMeminfo.indexOf(':', lineStart);
                if (colon > lineStart && colon < lineEnd) {
                    int keyLength = colon - lineStart;
                    if (is(procMeminfo, lineStart, keyLength, "MemTotal")) {
                        total = kibValue(procMeminfo, colon + 1, lineEnd);
                    } else if (is(procMeminfo, lineStart, keyLength, "MemFree")) {
                        free = kibValue(procMeminfo, colon + 1, lineEnd);
                    } else if (is(procMeminfo, lineStart, keyLength, "MemAvailable")) {
                        available = kibValue(procMeminfo, colon + 1, lineEnd);
                    } else if (is(procMeminfo, lineStart, keyLength, "Buffers")) {
                        buffers = kibValue(procMeminfo, colon + 1, lineEnd);
                    } else if (is(procMeminfo, lineStart, keyLength, "Cached")) {
                        cached = kibValue(procMeminfo, colon + 1, lineEnd);
                    }
                }
                lineStart = lineEnd + 1;
            }
        }
        if (total <= 0) {
            return new Meminfo(OptionalLong.empty(), OptionalLong.empty());
        }
        long used = -1;
        if (available >= 0) {
            used = total - available;
        } else if (free >= 0 && buffers >= 0 && cached >= 0) {
            used = total - free - buffers - cached;
        }
        return new Meminfo(OptionalLong.of(total), used >= 0 ? OptionalLong.of(used) : OptionalLong.empty());
    }

    /**
     * Averages the {@code cpu MHz} lines x86 kernels write for each CPU. ARM kernels write none.
     *
     * @param procCpuinfo the text of {@code /proc/cpuinfo}
     * @return the mean of every positive, well-formed {@code cpu MHz} value, or empty when there is none
     */
    public static OptionalDouble meanCpuMhz(String procCpuinfo) {
        if (procCpuinfo == null) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        int count = 0;
        int from = 0;
        while (true) {
            int key = procCpuinfo.indexOf("cpu MHz", from);
            if (key < 0) {
                break;
            }
            int lineEnd = procCpuinfo.indexOf('\n', key);
            if (lineEnd < 0) {
                lineEnd = procCpuinfo.length();
            }
            from = lineEnd;
            if (key > 0 && procCpuinfo.charAt(key - 1) != '\n') {
                continue;
            }
            int colon = Numbers.skipSpace(procCpuinfo, key + "cpu MHz".length(), lineEnd);
            if (colon >= lineEnd || procCpuinfo.charAt(colon) != ':') {
                continue;
            }
            int start = Numbers.skipSpace(procCpuinfo, colon + 1, lineEnd);
            int stop = Numbers.trimSpaceEnd(procCpuinfo, start, lineEnd);
            OptionalDouble mhz = Numbers.parseDecimal(procCpuinfo, start, stop);
            if (mhz.isPresent() && mhz.getAsDouble() > 0) {
                sum += mhz.getAsDouble();
                count++;
            }
        }
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / count);
    }

    private static boolean is(String text, int start, int length, String key) {
        return length == key.length() && text.startsWith(key, start);
    }

    /** @return the {@code NNN kB} value in bytes, or -1 when it is junk or overflows */
    private static long kibValue(String text, int from, int lineEnd) {
        int start = Numbers.skipSpace(text, from, lineEnd);
        int stop = start;
        while (stop < lineEnd && !Numbers.isSpace(text.charAt(stop))) {
            stop++;
        }
        long kib = Numbers.parseDigits(text, start, stop);
        if (kib == Numbers.NOT_A_NUMBER || kib > Long.MAX_VALUE / KIB) {
            return -1;
        }
        int unit = Numbers.skipSpace(text, stop, lineEnd);
        int unitEnd = Numbers.trimSpaceEnd(text, unit, lineEnd);
        if (unitEnd - unit != 2 || !text.startsWith("kB", unit)) {
            return -1;
        }
        return kib * KIB;
    }
}
