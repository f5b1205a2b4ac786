package dev.wsclose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** All 65,536 codes against the rules written out here, independently of the library's table. */
class ExhaustiveTest {
    private static final List<String> NAMES = List.of(
            "Normal Closure", "Going Away", "Protocol Error", "Unsupported Data", "Reserved",
            "No Status Received", "Abnormal Closure", "Invalid Frame Payload Data", "Policy Violation",
            "Message Too Big", "Mandatory Extension", "Internal Error", "Service Restart",
            "Try Again Later", "Bad Gateway", "TLS Handshake");

    private static boolean between(int code, int low, int high) {
        return code >= low && code <= high;
    }

    private static Category category(int code) {
        if (code <= 999) {
            return Category.UNUSED;
        } else if (code <= 1015) {
            return Category.STANDARD;
        } else if (code <= 2999) {
            return Category.RESERVED;
        } else if (code <= 3999) {
            return Category.REGISTERED;
        } else if (code <= 4999) {
            return Category.PRIVATE;
        }
        return Category.OUT_OF_RANGE;
    }

    private static Reconnect reconnect(int code) {
        if (Set.of(1001, 1005, 1006, 1011, 1012, 1013, 1014).contains(code)) {
            return Reconnect.BACKOFF;
        }
        return between(code, 3000, 4999) ? Reconnect.APP_DEFINED : Reconnect.NEVER;
    }

    @Test
    void everyCodeFollowsTheRules() {
        Map<Category, String> sharedDescription = new HashMap<>();
        int checked = 0;
        for (int code = 0; code <= 0xFFFF; code++) {
            String where = "code " + code;
            Optional<String> name = between(code, 1000, 1015) ? Optional.of(NAMES.get(code - 1000)) : Optional.empty();
            boolean sendable = between(code, 1000, 1003) || between(code, 1007, 1014) || between(code, 3000, 4999);
            boolean localOnly = code == 1005 || code == 1006 || code == 1015;
            boolean browserCloseable = code == 1000 || between(code, 3000, 4999);
            boolean ok = code == 1000 || code == 1001 || code == 1005;

            CodeInfo info = WsClose.info(code);
            CodeInfo expected = new CodeInfo(code, category(code), name, info.description(), sendable, localOnly,
                    browserCloseable, ok, reconnect(code));
            assertEquals(expected, info, where);
            assertEquals(category(code), WsClose.classify(code), where);
            assertEquals(sendable, WsClose.isSendable(code), where);
            assertEquals(localOnly, WsClose.isLocalOnly(code), where);
            assertEquals(browserCloseable, WsClose.isBrowserCloseable(code), where);
            assertEquals(ok, WsClose.isOk(code), where);
            assertEquals(reconnect(code), WsClose.reconnect(code), where);
            assertFalse(info.description().isEmpty(), where);
            if (name.isEmpty()) {
                String shared = sharedDescription.putIfAbsent(category(code), info.description());
                if (shared != null) {
                    assertEquals(shared, info.description(), where);
                }
            }
            checked++;
        }
        assertEquals(65536, checked);
        // Five categories have unnamed codes (every Standard code has a name), each described in its
        // own words, and none like a named code.
        assertEquals(5, sharedDescription.size());
        assertEquals(5, new HashSet<>(sharedDescription.values()).size());
        Set<String> named = new HashSet<>();
        for (int code = 1000; code <= 1015; code++) {
            named.add(WsClose.description(code));
        }
        assertEquals(16, named.size());
        for (String text : sharedDescription.values()) {
            assertFalse(named.contains(text), text);
        }
    }

    @Test
    void bulkClassifyAgreesWithTheRules() {
        int[] codes = new int[65536];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (i * 40503) & 0xFFFF; // every code once, not in order
        }
        Category[] categories = WsClose.classifyMany(codes);
        assertEquals(codes.length, categories.length);
        for (int i = 0; i < codes.length; i++) {
            assertEquals(category(codes[i]), categories[i], "code " + codes[i]);
        }
        assertEquals(0, WsClose.classifyMany(new int[0]).length);
    }

    @Test
    void categoriesAndAdviceMatchTheAbiNumbers() {
        Category[] categories = Category.values();
        assertEquals(6, categories.length);
        for (int i = 0; i < categories.length; i++) {
            assertEquals(i, categories[i].code());
            assertEquals(categories[i], Category.fromCode(i));
        }
        assertEquals("private use", Category.PRIVATE.label());
        assertEquals("out of range", Category.OUT_OF_RANGE.label());
        assertEquals(6, new HashSet<>(java.util.Arrays.stream(categories).map(Category::label).toList()).size());
        assertEquals(List.of(Reconnect.NEVER, Reconnect.BACKOFF, Reconnect.APP_DEFINED),
                List.of(Reconnect.fromCode(0), Reconnect.fromCode(1), Reconnect.fromCode(2)));
        assertEquals(List.of("never", "backoff", "app-defined"),
                java.util.Arrays.stream(Reconnect.values()).map(Reconnect::label).toList());
        assertTrue(WsClose.version().matches("\\d+\\.\\d+\\.\\d+.*"), WsClose.version());
    }
}
