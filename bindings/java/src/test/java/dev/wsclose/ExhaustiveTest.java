package dev.wsclose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * All 65,536 codes: every function of the binding gives the same answer as {@link WsClose#info},
 * and the generated types ({@link CloseCodes}, {@link Category}, {@link Reconnect},
 * {@link PayloadErrorKind}) agree with the loaded library. The answers themselves are checked
 * against the core by the differential ({@code make diff-java}) and the vectors.
 */
class ExhaustiveTest {
    @Test
    void everyFunctionAgreesWithInfo() {
        int checked = 0;
        for (int code = 0; code <= 0xFFFF; code++) {
            String where = "code " + code;
            CodeInfo info = WsClose.info(code);
            assertEquals(code, info.code(), where);
            assertEquals(info.category(), WsClose.classify(code), where);
            assertEquals(info.name(), WsClose.name(code), where);
            assertEquals(info.description(), WsClose.description(code), where);
            assertEquals(info.sendable(), WsClose.isSendable(code), where);
            assertEquals(info.localOnly(), WsClose.isLocalOnly(code), where);
            assertEquals(info.browserCloseable(), WsClose.isBrowserCloseable(code), where);
            assertEquals(info.ok(), WsClose.isOk(code), where);
            assertEquals(info.reconnect(), WsClose.reconnect(code), where);
            // A code has a constant name exactly when it has a name.
            assertEquals(info.name().isPresent(), WsClose.constName(code).isPresent(), where);
            assertFalse(info.description().isEmpty(), where);
            checked++;
        }
        assertEquals(0x10000, checked);
    }

    @Test
    void bulkClassifyAgreesWithClassify() {
        int[] codes = new int[0x10000];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (i * 40503) & 0xFFFF; // every code once, not in order
        }
        Category[] categories = WsClose.classifyMany(codes);
        assertEquals(codes.length, categories.length);
        for (int i = 0; i < codes.length; i++) {
            assertEquals(WsClose.classify(codes[i]), categories[i], "code " + codes[i]);
        }
        assertEquals(0, WsClose.classifyMany(new int[0]).length);
    }

    /** The public static int fields of {@link CloseCodes} that are codes (not the MAX_ limits). */
    private static Map<String, Integer> closeCodeConstants() throws IllegalAccessException {
        Map<String, Integer> constants = new HashMap<>();
        for (Field field : CloseCodes.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && !field.getName().startsWith("MAX_")) {
                constants.put(field.getName(), field.getInt(null));
            }
        }
        return constants;
    }

    @Test
    void closeCodesNameEveryStandardCode() throws IllegalAccessException {
        Map<String, Integer> constants = closeCodeConstants();
        List<Integer> standard = new ArrayList<>();
        for (int code = 0; code <= 0xFFFF; code++) {
            if (WsClose.classify(code) == Category.STANDARD) {
                standard.add(code);
                String constName = WsClose.constName(code).orElseThrow(() -> new AssertionError("no const name"));
                assertEquals(code, constants.get(constName), constName);
            }
        }
        assertTrue(standard.size() > 0);
        assertEquals(standard.size(), constants.size(), "CloseCodes has a constant that is not a standard code");
        for (Map.Entry<String, Integer> constant : constants.entrySet()) {
            assertEquals(Optional.of(constant.getKey()), WsClose.constName(constant.getValue()));
        }
    }

    @Test
    void limitsAreTheCoresLimits() {
        byte[] longest = WsClose.encodeClosePayload(CloseCodes.NORMAL_CLOSURE, "a".repeat(CloseCodes.MAX_REASON_LEN));
        assertEquals(CloseCodes.MAX_CLOSE_PAYLOAD, longest.length);
        PayloadException e = assertThrows(PayloadException.class,
                () -> WsClose.encodeClosePayload(CloseCodes.NORMAL_CLOSURE, "a".repeat(CloseCodes.MAX_REASON_LEN + 1)));
        assertEquals(PayloadErrorKind.REASON_TOO_LONG, e.kind());
        assertEquals(new Close(CloseCodes.NORMAL_CLOSURE, "a".repeat(CloseCodes.MAX_REASON_LEN)),
                WsClose.parseClosePayload(longest));
        byte[] over = Arrays.copyOf(longest, CloseCodes.MAX_CLOSE_PAYLOAD + 1);
        assertEquals(PayloadErrorKind.TOO_LONG,
                assertThrows(PayloadException.class, () -> WsClose.parseClosePayload(over)).kind());
    }

    @Test
    void generatedEnumsAgreeWithTheLibrary() {
        for (Category category : Category.values()) {
            assertEquals(category, Category.fromNumber(category.number()));
            assertEquals(Native.categoryLabel(category.number()), category.label(), category.name());
        }
        assertNull(Native.categoryLabel(Category.values().length));
        for (Reconnect advice : Reconnect.values()) {
            assertEquals(advice, Reconnect.fromNumber(advice.number()));
            assertEquals(Native.reconnectLabel(advice.number()), advice.label(), advice.name());
        }
        assertNull(Native.reconnectLabel(Reconnect.values().length));
        for (PayloadErrorKind kind : PayloadErrorKind.values()) {
            assertEquals(Optional.of(kind), PayloadErrorKind.fromResultNumber(kind.resultNumber()));
            assertEquals(Native.resultMessage(kind.resultNumber()), kind.message(), kind.name());
            int answer = Native.resultCloseCode(kind.resultNumber());
            assertEquals(answer == 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(answer),
                    kind.closeCode(), kind.name());
        }
        assertEquals(Optional.empty(), PayloadErrorKind.fromResultNumber(0));
        assertTrue(WsClose.version().matches("\\d+\\.\\d+\\.\\d+.*"), WsClose.version());
    }

    @Test
    void everyCategoryAndAdviceOccurs() {
        Map<Category, Integer> categories = new HashMap<>();
        Map<Reconnect, Integer> advice = new HashMap<>();
        for (int code = 0; code <= 0xFFFF; code++) {
            categories.merge(WsClose.classify(code), 1, Integer::sum);
            advice.merge(WsClose.reconnect(code), 1, Integer::sum);
        }
        assertEquals(Category.values().length, categories.size());
        assertEquals(Reconnect.values().length, advice.size());
        assertArrayEquals(new Category[0], WsClose.classifyMany(new int[0]));
    }
}
