package dev.wsclose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** Out-of-range input and payload errors. */
class ErrorsTest {
    private static final List<IntConsumer> PER_CODE = List.of(
            WsClose::classify, WsClose::isSendable, WsClose::isLocalOnly, WsClose::isBrowserCloseable,
            WsClose::isOk, WsClose::reconnect, WsClose::name, WsClose::description, WsClose::info,
            code -> WsClose.encodeClosePayload(code, "x"),
            code -> WsClose.classifyMany(new int[] {1000, code}));

    @Test
    void codesOutside16BitsAreRejectedByName() {
        for (int bad : new int[] {-1, 65536, 70000, -65536, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            for (IntConsumer call : PER_CODE) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(bad));
                assertTrue(e.getMessage().contains(Integer.toString(bad)), e.getMessage());
            }
        }
    }

    @Test
    void edgesOfTheRangeAreAccepted() {
        assertEquals(Category.UNUSED, WsClose.classify(0));
        assertEquals(Category.OUT_OF_RANGE, WsClose.classify(65535));
        // Above 32767 a Java short would be negative: the binding must still pass the right code.
        assertEquals(Category.OUT_OF_RANGE, WsClose.classify(32768));
        assertEquals(65535, WsClose.info(65535).code());
        assertEquals(40000, WsClose.info(40000).code());
    }

    @Test
    void unknownCategoryAndAdviceNumbers() {
        for (int bad : new int[] {-1, 6, 255}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Category.fromCode(bad));
            assertTrue(e.getMessage().contains(Integer.toString(bad)));
        }
        assertThrows(IllegalArgumentException.class, () -> Reconnect.fromCode(3));
        assertThrows(IllegalArgumentException.class, () -> Reconnect.fromCode(-1));
    }

    private static void assertParseError(byte[] payload, PayloadErrorKind kind, int closeCode) {
        ClosePayloadException e = assertThrows(ClosePayloadException.class, () -> WsClose.parseClosePayload(payload));
        assertEquals(kind, e.kind());
        assertEquals(closeCode, e.closeCode());
    }

    @Test
    void payloadErrorsCarryTheCodeToAnswerWith() {
        assertParseError(new byte[] {0x03}, PayloadErrorKind.ONE_BYTE, 1002);
        assertParseError(new byte[126], PayloadErrorKind.TOO_LONG, 1002);
        assertParseError(new byte[100_000], PayloadErrorKind.TOO_LONG, 1002);
        assertParseError(new byte[] {0x03, (byte) 0xee}, PayloadErrorKind.INVALID_CODE, 1002);
        assertParseError(new byte[] {0x13, (byte) 0x88, 0x61}, PayloadErrorKind.INVALID_CODE, 1002);
        assertParseError(new byte[] {0x03, (byte) 0xe8, (byte) 0xc3, 0x28}, PayloadErrorKind.INVALID_UTF8, 1007);
    }

    @Test
    void parseEdges() {
        assertEquals(new Close(1005, ""), WsClose.parseClosePayload(new byte[0]));
        assertEquals(new Close(4000, ""), WsClose.parseClosePayload(new byte[] {0x0f, (byte) 0xa0}));
        assertEquals(new Close(1000, "é"), WsClose.parseClosePayload(new byte[] {0x03, (byte) 0xe8, (byte) 0xc3, (byte) 0xa9}));
        byte[] longest = new byte[125];
        longest[0] = 0x03;
        longest[1] = (byte) 0xe8;
        java.util.Arrays.fill(longest, 2, 125, (byte) 'a');
        assertEquals(123, WsClose.parseClosePayload(longest).reason().length());
    }

    @Test
    void encodeErrorsAndEdges() {
        assertArrayEquals(new byte[] {0x0f, (byte) 0xa0, (byte) 0xc3, (byte) 0xa9}, WsClose.encodeClosePayload(4000, "é"));
        assertArrayEquals(new byte[] {0x03, (byte) 0xe8}, WsClose.encodeClosePayload(1000, ""));
        assertEquals(125, WsClose.encodeClosePayload(1000, "a".repeat(123)).length);
        ClosePayloadException e = assertThrows(ClosePayloadException.class, () -> WsClose.encodeClosePayload(1000, "é".repeat(62)));
        assertEquals(PayloadErrorKind.REASON_TOO_LONG, e.kind());
        assertEquals(0, e.closeCode());
        e = assertThrows(ClosePayloadException.class, () -> WsClose.encodeClosePayload(1005, ""));
        assertEquals(PayloadErrorKind.INVALID_CODE, e.kind());
        // An unpaired surrogate has no UTF-8 form; the code is still checked first.
        e = assertThrows(ClosePayloadException.class, () -> WsClose.encodeClosePayload(1000, "a\uD800b"));
        assertEquals(PayloadErrorKind.INVALID_UTF8, e.kind());
        e = assertThrows(ClosePayloadException.class, () -> WsClose.encodeClosePayload(1006, "a\uD800b"));
        assertEquals(PayloadErrorKind.INVALID_CODE, e.kind());
    }
}
