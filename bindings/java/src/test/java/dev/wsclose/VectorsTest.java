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
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The shared golden vectors (tests/vectors/, docs/VECTORS.md) through the binding. */
class VectorsTest {
    private static Optional<String> orEmpty(String field) {
        return field.equals("-") ? Optional.empty() : Optional.of(field);
    }

    private static OptionalInt intOrEmpty(String field) {
        return field.equals("-") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(field));
    }

    private static boolean flag(String field) {
        return field.equals("1");
    }

    @Test
    void codes() throws IOException {
        List<Map<String, String>> rows = Vectors.read("codes.tsv");
        for (Map<String, String> row : rows) {
            int code = Integer.parseInt(row.get("code"));
            String where = "code " + code;
            Category category = Category.fromNumber(Integer.parseInt(row.get("category")));
            Reconnect reconnect = Reconnect.fromNumber(Integer.parseInt(row.get("reconnect")));
            CodeInfo info = WsClose.info(code);
            assertEquals(code, info.code(), where);
            assertEquals(category, WsClose.classify(code), where);
            assertEquals(category, info.category(), where);
            assertEquals(orEmpty(row.get("name")), info.name(), where);
            assertEquals(orEmpty(row.get("name")), WsClose.name(code), where);
            assertEquals(orEmpty(row.get("const_name")), WsClose.constName(code), where);
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
        }
    }

    /** For an error row, {@code code} is the code to answer with. */
    @Test
    void parse() throws IOException {
        List<Map<String, String>> rows = Vectors.read("parse.tsv");
        int errors = 0;
        for (Map<String, String> row : rows) {
            byte[] payload = Vectors.hex(row.get("payload_hex"));
            String where = "payload " + row.get("payload_hex");
            int code = Integer.parseInt(row.get("code"));
            if (row.get("result").equals("OK")) {
                String reason = new String(Vectors.hex(row.get("reason_hex")), StandardCharsets.UTF_8);
                assertEquals(new Close(code, reason), WsClose.parseClosePayload(payload), where);
            } else {
                PayloadException e =
                        assertThrows(PayloadException.class, () -> WsClose.parseClosePayload(payload), where);
                assertEquals(PayloadErrorKind.valueOf(row.get("result")), e.kind(), where);
                assertEquals(OptionalInt.of(code), e.closeCode(), where);
                assertEquals(e.kind().message(), e.getMessage(), where);
                errors++;
            }
        }
        assertTrue(errors > 0, "parse.tsv: no error rows");
    }

    private static void assertEncodes(Map<String, String> row, String where, Supplier<byte[]> encode) {
        int code = Integer.parseInt(row.get("code"));
        if (row.get("result").equals("OK")) {
            assertArrayEquals(Vectors.hex(row.get("payload_hex")), encode.get(), where);
        } else {
            PayloadException e = assertThrows(PayloadException.class, encode::get, where);
            assertEquals(PayloadErrorKind.valueOf(row.get("result")), e.kind(), where);
            assertEquals(intOrEmpty(row.get("answer_code")), e.closeCode(), where);
            assertEquals(OptionalInt.of(code), e.code(), where);
            assertEquals(e.kind().message(), e.getMessage(), where);
        }
    }

    /**
     * Every row through the byte overload ({@code reason_hex}); every row whose reason a Java
     * string can hold ({@code reason_utf16} is not {@code x}) through the String overload.
     */
    @Test
    void encode() throws IOException {
        List<Map<String, String>> rows = Vectors.read("encode.tsv");
        int asString = 0;
        for (Map<String, String> row : rows) {
            int code = Integer.parseInt(row.get("code"));
            byte[] reason = Vectors.hex(row.get("reason_hex"));
            String where = "code " + code + " reason " + row.get("reason_hex");
            assertEncodes(row, where + " (bytes)", () -> WsClose.encodeClosePayload(code, reason));
            if (!row.get("reason_utf16").equals("x")) {
                String text = Vectors.utf16(row.get("reason_utf16"));
                assertEncodes(row, where + " (String)", () -> WsClose.encodeClosePayload(code, text));
                asString++;
            }
        }
        assertTrue(asString > 0, "encode.tsv: no row with a UTF-16 reason");
    }
}
