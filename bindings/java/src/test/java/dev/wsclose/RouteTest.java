package dev.wsclose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/**
 * Which JDK runs this suite and which route of the multi-release jar it took: the FFM class of
 * {@code META-INF/versions/22} on JDK 22 and newer, the JNA class below. `make test-java` runs the
 * suite on JDK 25, 17 and 21 and names the one it meant ({@code wsclose.expect.jdk}).
 */
class RouteTest {
    @Test
    void theExpectedJdkTakesItsRoute() {
        int feature = Runtime.version().feature();
        String expected = System.getProperty("wsclose.expect.jdk");
        assertNotNull(expected, "system property wsclose.expect.jdk is not set (see pom.xml)");
        assertEquals(Integer.parseInt(expected), feature, "this run was meant for another JDK");
        assertEquals(feature >= 22 ? "ffm" : "jna", Native.route(), String.valueOf(Native.class.getResource("Native.class")));
        // The class really comes from the jar (a classes directory would ignore META-INF/versions).
        String source = Native.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertEquals(true, source.endsWith(".jar"), source);
        System.out.println("wsclose: JDK " + feature + " (" + System.getProperty("java.vm.vendor") + " "
                + System.getProperty("java.version") + ") uses the " + Native.route() + " route, libwsclose "
                + WsClose.version());
    }
}
