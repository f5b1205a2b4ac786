package dev.wsclose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the golden vectors of tests/vectors/ (format: docs/VECTORS.md). */
final class Vectors {
    private Vectors() {}

    static Path dir() {
        String dir = System.getProperty("wsclose.vectors");
        assertNotNull(dir, "system property wsclose.vectors is not set (see pom.xml)");
        return Path.of(dir);
    }

    /** The rows of one TSV file keyed by the header; asserts that there is at least one. */
    static List<Map<String, String>> read(String file) throws IOException {
        Path path = dir().resolve(file);
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        assertTrue(!lines.isEmpty(), path + ": no header");
        String[] columns = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t", -1);
            assertEquals(columns.length, fields.length, path + ": bad row " + line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.length; i++) {
                row.put(columns[i], fields[i]);
            }
            rows.add(row);
        }
        assertTrue(rows.size() > 0, path + ": read 0 rows");
        return rows;
    }

    /** Hex to bytes; "-" is the empty byte string. */
    static byte[] hex(String text) {
        return text.equals("-") ? new byte[0] : HexFormat.of().parseHex(text);
    }

    /**
     * UTF-16 code units, 4 hex digits each, to the String of exactly those units (lone surrogates
     * kept); "-" is the empty string.
     */
    static String utf16(String text) {
        if (text.equals("-")) {
            return "";
        }
        char[] units = new char[text.length() / 4];
        for (int i = 0; i < units.length; i++) {
            units[i] = (char) HexFormat.fromHexDigits(text, 4 * i, 4 * i + 4);
        }
        return new String(units);
    }
}
