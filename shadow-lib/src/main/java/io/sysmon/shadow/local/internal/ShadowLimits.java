package io.sysmon.shadow.local.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The limits the local shadow service enforces, AWS IoT's by default.
 *
 * @param maxStateBytes   largest allowed {@code desired} plus {@code reported}, in bytes of compact UTF-8 JSON
 *                        (metadata does not count); a larger result is rejected with 413. AWS: 8 KiB.
 * @param maxNestingDepth deepest allowed nesting inside {@code desired} or {@code reported}, counting that object
 *                        itself as level 1 and each object or array inside it as one more; deeper requests are
 *                        rejected with 400. AWS: 6.
 */
public record ShadowLimits(int maxStateBytes, int maxNestingDepth) {

    /** AWS IoT Core's limits: 8 KiB of state, 6 levels of nesting. */
    public static final ShadowLimits AWS_DEFAULTS = new ShadowLimits(8 * 1024, 6);

    /**
     * Checks every limit at once.
     *
     * @throws IllegalArgumentException listing every limit that is not positive
     */
    public ShadowLimits {
        List<String> problems = new ArrayList<>();
        if (maxStateBytes < 1) {
            problems.add("maxStateBytes must be at least 1 (AWS uses 8192), was " + maxStateBytes);
        }
        if (maxNestingDepth < 1) {
            problems.add("maxNestingDepth must be at least 1 (AWS uses 6), was " + maxNestingDepth);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
