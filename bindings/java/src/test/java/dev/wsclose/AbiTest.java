package dev.wsclose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generated {@link Abi} (xtask, from the header) against the ABI baseline
 * {@code ffi-c/abi/wsclose.abi} (what a C compiler says): two independent sources of the same
 * numbers, so neither is a copy typed by hand. Every struct entry of the baseline is in Abi, and
 * every number of Abi is in the baseline.
 */
class AbiTest {
    private static final Pattern FIELD = Pattern.compile("^struct (\\w+) field \\d+ .+ (\\w+) offset (\\d+)$");
    private static final Pattern SIZE = Pattern.compile("^struct (\\w+) size (\\d+) align (\\d+)$");
    private static final Pattern NUMBER =
            Pattern.compile("^(?:define|enum wsclose_result|enum wsclose_received) WSCLOSE_(\\w+) (-?\\d+)$");
    private static final Map<String, String> PREFIX = Map.of(
            "wsclose_code_info", "CODE_INFO_", "wsclose_policy", "POLICY_", "wsclose_close_event", "CLOSE_EVENT_");

    private static int constant(String name) {
        try {
            return Abi.class.getDeclaredField(name).getInt(null);
        } catch (NoSuchFieldException e) {
            throw new AssertionError("Abi has no constant " + name + " for the baseline's entry");
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void structOffsetsAndNumbersAreTheBaselines() throws IOException {
        String path = System.getProperty("wsclose.abi");
        assertNotNull(path, "system property wsclose.abi is not set (see pom.xml)");
        Map<String, Integer> baseline = new TreeMap<>(); // struct offsets and sizes: all in Abi
        Map<String, Integer> numbers = new TreeMap<>(); // defines and results: those Abi uses
        int structs = 0;
        for (String line : Files.readAllLines(Path.of(path))) {
            Matcher field = FIELD.matcher(line);
            Matcher size = SIZE.matcher(line);
            Matcher number = NUMBER.matcher(line);
            if (field.matches()) {
                String prefix = PREFIX.get(field.group(1));
                assertNotNull(prefix, "a struct the binding does not know: " + line);
                String name = field.group(2).replaceFirst("^_", "").toUpperCase(java.util.Locale.ROOT);
                baseline.put(prefix + name, Integer.parseInt(field.group(3)));
            } else if (size.matches()) {
                String prefix = PREFIX.get(size.group(1));
                assertNotNull(prefix, "a struct the binding does not know: " + line);
                baseline.put(prefix + "SIZE", Integer.parseInt(size.group(2)));
                baseline.put(prefix + "ALIGN", Integer.parseInt(size.group(3)));
                structs++;
            } else if (number.matches()) {
                numbers.put(number.group(1), Integer.parseInt(number.group(2)));
            }
        }
        assertEquals(PREFIX.size(), structs, "structs in the baseline");
        // Every struct entry of the baseline is in Abi with the same number ...
        Set<String> checked = new HashSet<>();
        for (Map.Entry<String, Integer> entry : baseline.entrySet()) {
            assertEquals(entry.getValue().intValue(), constant(entry.getKey()), entry.getKey());
            checked.add(entry.getKey());
        }
        for (Map.Entry<String, Integer> entry : numbers.entrySet()) {
            if (hasConstant(entry.getKey())) {
                assertEquals(entry.getValue().intValue(), constant(entry.getKey()), entry.getKey());
                checked.add(entry.getKey());
            }
        }
        // ... and every offset, size or result number in Abi comes from the baseline.
        for (Field f : Abi.class.getDeclaredFields()) {
            String name = f.getName();
            boolean fromAbi = Modifier.isStatic(f.getModifiers()) && f.getType() == int.class;
            if (Modifier.isStatic(f.getModifiers()) && fromAbi) {
                assertTrue(checked.contains(name), "Abi." + name + " is not in the baseline");
            }
        }
    }

    private static boolean hasConstant(String name) {
        try {
            Abi.class.getDeclaredField(name);
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }
}
