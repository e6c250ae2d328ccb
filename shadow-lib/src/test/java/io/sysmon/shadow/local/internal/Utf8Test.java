package io.sysmon.shadow.local.internal;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Utf8Test {

    @Test
    void acceptsAllWellFormedSequences() {
        assertTrue(Utf8.isValid(new byte[0]));
        assertTrue(Utf8.isValid("plain ascii {\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Utf8.isValid("é € 😀 \u07FF \uFFFF \uD83D\uDE00".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Utf8.isValid(bytes(0xF4, 0x8F, 0xBF, 0xBF)));  // U+10FFFF
    }

    @Test
    void rejectsMalformedSequences() {
        assertFalse(Utf8.isValid(bytes(0x80)));                    // lone continuation
        assertFalse(Utf8.isValid(bytes(0xC3, 0x28)));              // bad continuation
        assertFalse(Utf8.isValid(bytes(0xC3)));                    // truncated
        assertFalse(Utf8.isValid(bytes(0xC0, 0xAF)));              // overlong '/'
        assertFalse(Utf8.isValid(bytes(0xE0, 0x80, 0xAF)));        // overlong '/'
        assertFalse(Utf8.isValid(bytes(0xED, 0xA0, 0x80)));        // surrogate U+D800
        assertFalse(Utf8.isValid(bytes(0xE2, 0x82)));              // truncated
        assertFalse(Utf8.isValid(bytes(0xF0, 0x80, 0x80, 0xAF)));  // overlong
        assertFalse(Utf8.isValid(bytes(0xF4, 0x90, 0x80, 0x80)));  // above U+10FFFF
        assertFalse(Utf8.isValid(bytes(0xF5, 0x80, 0x80, 0x80)));
        assertFalse(Utf8.isValid(bytes(0xFF)));
        assertFalse(Utf8.isValid(bytes(0xF0, 0x9F, 0x98)));        // truncated
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] candidate = new byte[1 + random.nextInt(8)];
            random.nextBytes(candidate);
            assertEquals(jdkAccepts(candidate), Utf8.isValid(candidate), () -> java.util.HexFormat.of()
                    .formatHex(candidate));
        }
    }

    @Test
    void measuresEncodedLength() {
        for (String s : new String[] {"", "abc", "é", "€", "😀", "a😀é€"}) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Utf8.encodedLength(s), s);
        }
    }

    private static boolean jdkAccepts(byte[] candidate) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(candidate));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }
}
