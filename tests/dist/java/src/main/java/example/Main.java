package example;

import dev.wsclose.PayloadException;
import dev.wsclose.WsClose;

/** A Java user's program against the released jar; exits 1 on a wrong answer. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        boolean ok = WsClose.classify(4000) == dev.wsclose.Category.PRIVATE
                && WsClose.info(1013).name().filter("Try Again Later"::equals).isPresent()
                && System.getenv("WSCLOSE_DIST_VERSION").equals(WsClose.version());
        try {
            WsClose.parseClosePayload(new byte[] {0x03, (byte) 0xe8, (byte) 0xff});
            ok = false;
        } catch (PayloadException e) {
            ok &= e.closeCode().isPresent() && e.closeCode().getAsInt() == 1007;
        }
        System.out.println("java: wsclose " + WsClose.version() + (ok ? " ok" : " FAILED"));
        System.exit(ok ? 0 : 1);
    }
}
