package dev.wsclose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Which libwsclose file to load: the one rule both routes of {@link Native} follow (JNA below
 * JDK 22, the Foreign Function &amp; Memory API from 22 on), with the same messages. In order:
 * the system property {@code wsclose.library}, the environment variable {@code WSCLOSE_LIBRARY},
 * the copy bundled in the release jar ({@code native/<os>-<arch>/libwsclose.so}, written to a
 * temporary file), and last the dynamic loader's own search for {@link #systemName()}.
 */
final class NativeLibrary {
    private NativeLibrary() {}

    /** System property naming the library file. */
    static final String LIBRARY_PROPERTY = "wsclose.library";
    /** Environment variable naming the library file, read when the property is unset. */
    static final String LIBRARY_ENV = "WSCLOSE_LIBRARY";

    /** The library's file name for the dynamic loader's search, e.g. {@code libwsclose.so}. */
    static String systemName() {
        return System.mapLibraryName("wsclose");
    }

    /**
     * The file to load, or null when the dynamic loader should search for {@link #systemName()}.
     *
     * @throws UnsatisfiedLinkError when the property or variable names a file that does not exist,
     *     or the bundled copy cannot be written out
     */
    static Path file() {
        String path = System.getProperty(LIBRARY_PROPERTY);
        String from = "-D" + LIBRARY_PROPERTY;
        if (path == null || path.isEmpty()) {
            path = System.getenv(LIBRARY_ENV);
            from = "$" + LIBRARY_ENV;
        }
        if (path != null && !path.isEmpty()) {
            Path file = Path.of(path);
            if (!Files.isRegularFile(file)) {
                throw new UnsatisfiedLinkError("wsclose: " + from + " names " + file + ", which does not exist");
            }
            return file;
        }
        return bundled(systemName());
    }

    /** The error when the dynamic loader's search finds no library ({@code cause}: its own error). */
    static UnsatisfiedLinkError notFound(Throwable cause) {
        UnsatisfiedLinkError error = new UnsatisfiedLinkError("wsclose: cannot load " + systemName()
                + "; install libwsclose or point -D" + LIBRARY_PROPERTY + " or $" + LIBRARY_ENV + " at the file");
        error.initCause(cause);
        return error;
    }

    /** The error when the loaded library lacks a function. */
    static UnsatisfiedLinkError noSymbol(String name) {
        return new UnsatisfiedLinkError("wsclose: the library has no symbol " + name);
    }

    /**
     * The copy of the library inside the jar ({@code native/<os>-<arch>/libwsclose.so}, put there
     * by {@code make dist}), written to a temporary file that the loader can open; null when the
     * jar has none for this platform (a development build), so the loader's search runs.
     */
    private static Path bundled(String name) {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        String arch = System.getProperty("os.arch").replace("amd64", "x86_64");
        String resource = "/native/" + os + "-" + arch + "/" + name;
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Path file = Files.createTempFile("wsclose-", "-" + name);
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError("wsclose: cannot extract " + resource);
            error.initCause(e);
            throw error;
        }
    }
}
