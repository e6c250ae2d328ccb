package io.sysmon.shadow.local.internal;

/**
 * Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
 *
 * <p>Hand-written so that the common all-ASCII payload costs one pass and no allocation, and so that bad encoding can
 * be told apart from bad JSON: AWS answers the first with 415 and the second with 400.
 */
final class Utf8 {

    private Utf8() {
    }

    static boolean isValid(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b0 = bytes[i];
            if (b0 >= 0) {
                i++;
                continue;
            }
            b0 &= 0xFF;
            if (b0 < 0xC2) {
                // A lone continuation byte, or C0/C1 which could only start an overlong two-byte form.
                return false;
            }
            if (b0 < 0xE0) {
                if (i + 1 >= n || !isContinuation(bytes[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (b0 < 0xF0) {
                if (i + 2 >= n) {
                    return false;
                }
                int b1 = bytes[i + 1] & 0xFF;
                if (!isContinuation(bytes[i + 1]) || !isContinuation(bytes[i + 2])
                        || (b0 == 0xE0 && b1 < 0xA0)      // overlong
                        || (b0 == 0xED && b1 >= 0xA0)) {  // UTF-16 surrogate
                    return false;
                }
                i += 3;
            } else if (b0 < 0xF5) {
                if (i + 3 >= n) {
                    return false;
                }
                int b1 = bytes[i + 1] & 0xFF;
                if (!isContinuation(bytes[i + 1]) || !isContinuation(bytes[i + 2]) || !isContinuation(bytes[i + 3])
                        || (b0 == 0xF0 && b1 < 0x90)      // overlong
                        || (b0 == 0xF4 && b1 >= 0x90)) {  // above U+10FFFF
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    /** Length of {@code s} encoded as UTF-8, without encoding it. */
    static int encodedLength(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
