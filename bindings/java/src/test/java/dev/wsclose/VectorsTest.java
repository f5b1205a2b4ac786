package dev.wsclose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shared golden vectors through the binding. */
class VectorsTest {
    private static Optional<String> orEmpty(String field) {
        return field.equals("-") ? Optional.empty() : Optional.of(field);
    }

    private static boolean flag(String field) {
        return field.equals("1");
    }

    @Test
    void codes() throws IOException {
        List<Map<String, String>> rows = Vectors.read("codes.tsv");
        assertTrue(rows.size() > 0);
        for (Map<String, String> row : rows) {
            int code = Integer.parseInt(row.get("code"));
            String where = "code " + code;
            Category category = Category.fromCode(Integer.parseInt(row.get("category")));
            Reconnect reconnect = Reconnect.fromCode(Integer.parseInt(row.get("reconnect")));
            CodeInfo info = WsClose.info(code);
            assertEquals(code, info.code(), where);
            assertEquals(category, WsClose.classify(code), where);
            assertEquals(category, info.category(), where);
            assertEquals(orEmpty(row.get("name")), info.name(), where);
            assertEquals(orEmpty(row.get("name")), WsClose.name(code), where);
            assertEquals(flag(row.get("sendable")), info.sendable(), where);
            assertEquals(flag(row.get("sendable")), WsClose.isSendable(code), where);
            assertEquals(flag(row.get("local_only")), info.localOnly(), where);
            assertEquals(flag(row.get("local_only")), WsClose.isLocalOnly(code), where);
            assertEquals(flag(row.get("browser_closeable")), info.browserCloseable(), where);
            assertEquals(flag(row.get("browser_closeable")), WsClose.isBrowserCloseable(code), where);
            assertEquals(flag(row.get("ok")), info.ok(), where);
            assertEquals(flag(row.get("ok")), WsClose.isOk(code), where);
            assertEquals(reconnect, info.reconnect(), where);
            assertEquals(reconnect, WsClose.reconnect(code), where);
            assertEquals(WsClose.description(code), info.description(), where);
            assertTrue(info.description().length() > 20, where);
        }
    }

    @Test
    void parse() throws IOException {
        List<Map<String, String>> rows = Vectors.read("parse.tsv");
        assertTrue(rows.size() > 0);
        for (Map<String, String> row : rows) {
            byte[] payload = Vectors.hex(row.get("payload_hex"));
            String where = "payload " + row.get("payload_hex");
            int code = Integer.parseInt(row.get("code"));
            if (row.get("result").equals("OK")) {
                String reason = new String(Vectors.hex(row.get("reason_hex")), StandardCharsets.UTF_8);
                assertEquals(new Close(code, reason), WsClose.parseClosePayload(payload), where);
            } else {
                ClosePayloadException e =
                        assertThrows(ClosePayloadException.class, () -> WsClose.parseClosePayload(payload), where);
                assertEquals(PayloadErrorKind.valueOf(row.get("result")), e.kind(), where);
                assertEquals(code, e.closeCode(), where);
                assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), where);
            }
        }
    }

    /**
     * Reasons go in as bytes, so the rows whose reason is not UTF-8 run too; rows whose reason is
     * UTF-8 also go through the String overload.
     */
    @Test
    void encode() throws IOException {
        List<Map<String, String>> rows = Vectors.read("encode.tsv");
        assertTrue(rows.size() > 0);
        int asString = 0;
        for (Map<String, String> row : rows) {
            int code = Integer.parseInt(row.get("code"));
            byte[] reason = Vectors.hex(row.get("reason_hex"));
            String where = "code " + code + " reason " + row.get("reason_hex");
            String text = new String(reason, StandardCharsets.UTF_8);
            boolean utf8 = java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), reason);
            if (row.get("result").equals("OK")) {
                byte[] expected = Vectors.hex(row.get("payload_hex"));
                assertArrayEquals(expected, WsClose.encodeClosePayload(code, reason), where);
                if (utf8) {
                    assertArrayEquals(expected, WsClose.encodeClosePayload(code, text), where);
                }
            } else {
                PayloadErrorKind kind = PayloadErrorKind.valueOf(row.get("result"));
                ClosePayloadException e = assertThrows(
                        ClosePayloadException.class, () -> WsClose.encodeClosePayload(code, reason), where);
                assertEquals(kind, e.kind(), where);
                assertEquals(0, e.closeCode(), where);
                if (utf8) {
                    e = assertThrows(ClosePayloadException.class, () -> WsClose.encodeClosePayload(code, text), where);
                    assertEquals(kind, e.kind(), where);
                }
            }
            if (utf8) {
                asString++;
            }
        }
        assertTrue(asString > 0);
    }
}
