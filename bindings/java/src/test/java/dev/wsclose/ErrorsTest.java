package dev.wsclose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * Type conversion at the edge (ints outside 16 bits, enum numbers) and the shape of
 * {@link PayloadException}. What is an error and which kind is the core's; these tests pin how the
 * binding passes it on.
 */
class ErrorsTest {
    private static final List<IntConsumer> PER_CODE = List.of(
            WsClose::classify, WsClose::isSendable, WsClose::isLocalOnly, WsClose::isBrowserCloseable,
            WsClose::isOk, WsClose::reconnect, WsClose::name, WsClose::constName, WsClose::description,
            WsClose::info,
            code -> WsClose.encodeClosePayload(code, "x"),
            code -> WsClose.encodeClosePayload(code, new byte[] {'x'}),
            code -> WsClose.classifyMany(new int[] {CloseCodes.NORMAL_CLOSURE, code}));

    @Test
    void codesOutside16BitsAreRejectedByName() {
        for (int bad : new int[] {-1, 0x10000, 70000, -0x10000, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            for (IntConsumer call : PER_CODE) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(bad));
                assertTrue(e.getMessage().contains(Integer.toString(bad)), e.getMessage());
            }
        }
    }

    @Test
    void edgesOf16BitsReachTheLibraryIntact() {
        // Above 32767 a Java short would be negative: the binding must still pass the right code.
        for (int code : new int[] {0, 0x7FFF, 0x8000, 40000, 0xFFFF}) {
            assertEquals(code, WsClose.info(code).code());
            assertEquals(WsClose.info(code).category(), WsClose.classify(code));
        }
    }

    @Test
    void unknownEnumNumbersAreRejected() {
        for (int bad : new int[] {-1, Category.values().length, 255}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Category.fromNumber(bad));
            assertTrue(e.getMessage().contains(Integer.toString(bad)));
        }
        for (int bad : new int[] {-1, Reconnect.values().length}) {
            assertThrows(IllegalArgumentException.class, () -> Reconnect.fromNumber(bad));
        }
    }

    /** The exception's answer code and message are its kind's; the carried code is as given. */
    private static void assertShape(PayloadException e, PayloadErrorKind kind, OptionalInt carried) {
        assertEquals(kind, e.kind());
        assertEquals(kind.closeCode(), e.closeCode());
        assertEquals(kind.message(), e.getMessage());
        assertEquals(carried, e.code());
    }

    @Test
    void parseErrorsCarryTheirCode() {
        byte[] oneByte = {0x03};
        assertShape(assertThrows(PayloadException.class, () -> WsClose.parseClosePayload(oneByte)),
                PayloadErrorKind.ONE_BYTE, OptionalInt.empty());
        byte[] huge = new byte[100_000];
        huge[0] = 0x03;
        huge[1] = (byte) 0xe8;
        assertShape(assertThrows(PayloadException.class, () -> WsClose.parseClosePayload(huge)),
                PayloadErrorKind.TOO_LONG, OptionalInt.empty());
        // Code 0 is carried too: the ABI's 0 does not mean "none" here.
        byte[] zero = {0, 0};
        assertShape(assertThrows(PayloadException.class, () -> WsClose.parseClosePayload(zero)),
                PayloadErrorKind.INVALID_CODE, OptionalInt.of(0));
        byte[] high = {(byte) 0xff, (byte) 0xff, 'a'};
        assertShape(assertThrows(PayloadException.class, () -> WsClose.parseClosePayload(high)),
                PayloadErrorKind.INVALID_CODE, OptionalInt.of(0xFFFF));
        byte[] badUtf8 = {0x0f, (byte) 0xa0, (byte) 0xc3, 0x28};
        assertShape(assertThrows(PayloadException.class, () -> WsClose.parseClosePayload(badUtf8)),
                PayloadErrorKind.INVALID_UTF8, OptionalInt.of(4000));
    }

    @Test
    void aStringReasonGoesToTheCoreAsUtf16() {
        String lone = "a\uD800b";
        assertShape(assertThrows(PayloadException.class, () -> WsClose.encodeClosePayload(1000, lone)),
                PayloadErrorKind.INVALID_UTF8, OptionalInt.of(1000));
        // The core checks the code before the UTF-8.
        assertShape(assertThrows(PayloadException.class, () -> WsClose.encodeClosePayload(1006, lone)),
                PayloadErrorKind.INVALID_CODE, OptionalInt.of(1006));
        // A lone low surrogate, and a pair in the wrong order, are no better.
        assertThrows(PayloadException.class, () -> WsClose.encodeClosePayload(1000, "\uDC00"));
        assertThrows(PayloadException.class, () -> WsClose.encodeClosePayload(1000, "\uDC00\uD800"));
        // A proper pair is one 4-byte character; nothing is ever replaced by U+FFFD.
        String emoji = "\uD83D\uDE00";
        byte[] payload = WsClose.encodeClosePayload(4000, emoji);
        assertArrayEquals(new byte[] {0x0f, (byte) 0xa0, (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80}, payload);
        assertEquals(new Close(4000, emoji), WsClose.parseClosePayload(payload));
        assertArrayEquals(new byte[] {0x03, (byte) 0xe8}, WsClose.encodeClosePayload(1000, ""));
    }

    @Test
    void lengthsCountUtf8BytesNotChars() {
        // Two-byte characters: one more than fits is too long, though far fewer chars than bytes.
        int fits = CloseCodes.MAX_REASON_LEN / 2;
        assertShape(assertThrows(PayloadException.class, () -> WsClose.encodeClosePayload(1000, "\u00e9".repeat(fits + 1))),
                PayloadErrorKind.REASON_TOO_LONG, OptionalInt.of(1000));
        assertEquals(2 + fits * 2, WsClose.encodeClosePayload(1000, "\u00e9".repeat(fits)).length);
    }

    @Test
    void byteReasonsAreCheckedByTheCoreToo() {
        assertShape(assertThrows(PayloadException.class,
                        () -> WsClose.encodeClosePayload(1000, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})),
                PayloadErrorKind.INVALID_UTF8, OptionalInt.of(1000));
        assertArrayEquals(WsClose.encodeClosePayload(1000, "\u00e9"),
                WsClose.encodeClosePayload(1000, new byte[] {(byte) 0xc3, (byte) 0xa9}));
    }

    @Test
    void emptyPayloadIsNoStatusReceived() {
        assertEquals(new Close(CloseCodes.NO_STATUS_RECEIVED, ""), WsClose.parseClosePayload(new byte[0]));
    }
}
