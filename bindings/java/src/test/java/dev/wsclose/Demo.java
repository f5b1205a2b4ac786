package dev.wsclose;

/** {@code make demo-java}: what the library says about the codes on the command line. */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) {
        System.out.println("wsclose " + WsClose.version() + " (Java, FFM)");
        for (String arg : args) {
            CodeInfo info = WsClose.info(Integer.parseInt(arg));
            String label = info.name().orElse("(" + info.category().label() + ")");
            System.out.printf("%5d  %-20s %-12s sendable=%b browser=%b ok=%b reconnect=%s%n", info.code(), label,
                    info.category(), info.sendable(), info.browserCloseable(), info.ok(), info.reconnect());
        }
    }
}
