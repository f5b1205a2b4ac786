package dev.wsclose;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code make diff-java}: the Java answers to the differential corpus (docs/differential.md),
 * through the public API only, in the neutral format that {@code xtask differential} compares
 * with the core: sections {@code code} (all 65,536 codes), {@code parse} ({@code parse.txt}) and
 * {@code encode} (every {@code encode.tsv} row, reason as {@code byte[]}) and {@code encode16} ({@code encode.tsv}
 * rows whose reason a Java {@code String} can hold), then {@code advice}, {@code policy},
 * {@code explain}, {@code event}, {@code pageclose}, {@code profile} and {@code intent} ({@code policy.tsv},
 * {@code pageclose.tsv}, {@code profile.txt}, {@code intent.txt}; pageclose reasons are Java strings of exactly the
 * corpus's UTF-16 units, profile names the Strings of the WTF-8 names, lone surrogates kept).
 *
 * <p>Usage: {@code Differential [--route ffm|jna] <tests/differential> <build/differential/java.txt>}.
 * With {@code --route} the program first fails unless the jar took that route on this JDK
 * ({@code make diff-java}: FFM on JDK 25; {@code make diff-java-jna}: JNA on JDK 17).
 */
public final class Differential {
    private Differential() {}

    private static final HexFormat HEX = HexFormat.of();

    public static void main(String[] args) throws IOException {
        if (args.length == 4 && args[0].equals("--route")) {
            if (!args[1].equals(Native.route())) {
                System.err.println("java: the " + args[1] + " route was asked for, but JDK "
                        + Runtime.version().feature() + " took the " + Native.route() + " route");
                System.exit(1);
            }
            args = new String[] {args[2], args[3]};
        }
        if (args.length != 2) {
            System.err.println("usage: Differential [--route ffm|jna] <corpus dir> <answers file>");
            System.exit(2);
        }
        Path corpus = Path.of(args[0]);
        Path answers = Path.of(args[1]);
        List<String> payloads = corpusLines(corpus.resolve("parse.txt"));
        List<String> encodes = corpusLines(corpus.resolve("encode.tsv"));
        int lines = 0;
        try (BufferedWriter out = Files.newBufferedWriter(answers, StandardCharsets.UTF_8)) {
            for (int code = 0; code <= 0xFFFF; code++) {
                lines += line(out, codeLine(code));
            }
            for (String payload : payloads) {
                lines += line(out, "parse\t" + payload + "\t" + parseAnswer(bytes(payload)));
            }
            for (String row : encodes) {
                String[] fields = row.split("\t", -1);
                int code = Integer.parseInt(fields[0]);
                lines += line(out, "encode\t" + code + "\t" + fields[1] + "\t" + encodeAnswer(code, bytes(fields[1])));
            }
            for (String row : encodes) {
                String[] fields = row.split("\t", -1);
                if (fields[2].equals("x")) {
                    continue; // no Java string holds these bytes
                }
                int code = Integer.parseInt(fields[0]);
                String reason = string(fields[2]);
                lines += line(out, "encode16\t" + code + "\t" + hex16(reason) + "\t" + encodeAnswer(code, reason));
            }
            lines += newerSections(out, corpus, payloads);
        }
        System.out.println("java (" + Native.route() + ", JDK " + Runtime.version().feature() + "): " + lines
                + " answers in " + answers);
    }

    private static int line(BufferedWriter out, String text) throws IOException {
        out.write(text);
        out.write('\n');
        return 1;
    }

    /** The corpus lines of a file, without comments; fails on an empty corpus. */
    private static List<String> corpusLines(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException(file + ": read 0 corpus lines");
        }
        return lines;
    }

    private static String codeLine(int code) {
        CodeInfo info = WsClose.info(code);
        return String.join("\t", "code", Integer.toString(code), info.category().name(), info.category().label(),
                info.name().orElse("-"), WsClose.constName(code).orElse("-"), bit(info.sendable()),
                bit(info.localOnly()), bit(info.browserCloseable()), bit(info.ok()), info.reconnect().name(),
                info.reconnect().label(), info.description());
    }

    private static String parseAnswer(byte[] payload) {
        try {
            Close close = WsClose.parseClosePayload(payload);
            return "ok\t" + close.code() + "\t" + hex(close.reason().getBytes(StandardCharsets.UTF_8));
        } catch (PayloadException e) {
            return errorFields(e);
        }
    }

    private static String encodeAnswer(int code, String reason) {
        try {
            return "ok\t" + hex(WsClose.encodeClosePayload(code, reason));
        } catch (PayloadException e) {
            return errorFields(e);
        }
    }

    private static String encodeAnswer(int code, byte[] reason) {
        try {
            return "ok\t" + hex(WsClose.encodeClosePayload(code, reason));
        } catch (PayloadException e) {
            return errorFields(e);
        }
    }

    private static String errorFields(PayloadException e) {
        return String.join("\t", "err", e.kind().name(), orDash(e.closeCode()), orDash(e.code()),
                Integer.toString(e.kind().resultNumber()), e.getMessage());
    }

    private static String bit(boolean value) {
        return value ? "1" : "0";
    }

    private static String orDash(OptionalInt value) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : "-";
    }

    private static byte[] bytes(String hex) {
        return hex.equals("-") ? new byte[0] : HEX.parseHex(hex);
    }

    private static String hex(byte[] bytes) {
        return bytes.length == 0 ? "-" : HEX.formatHex(bytes);
    }

    /** The String of exactly these UTF-16 code units (4 hex digits each; lone surrogates kept). */
    private static String string(String hex) {
        if (hex.equals("-")) {
            return "";
        }
        char[] units = new char[hex.length() / 4];
        for (int i = 0; i < units.length; i++) {
            units[i] = (char) HexFormat.fromHexDigits(hex, 4 * i, 4 * i + 4);
        }
        return new String(units);
    }

    /** The code units of {@code text}, 4 lowercase hex digits each; "-" when empty. */
    private static String hex16(String text) {
        if (text.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(text.length() * 4);
        for (int i = 0; i < text.length(); i++) {
            out.append(HEX.toHexDigits(text.charAt(i)));
        }
        return out.toString();
    }

    private static int newerSections(BufferedWriter out, Path corpus, List<String> payloads) throws IOException {
        int lines = 0;
        for (Profile profile : Profile.all()) {
            for (int code = 0; code <= 0xFFFF; code++) {
                lines += line(out, "advice\t" + profile.name() + "\t" + code + "\t" + profile.advice(code).name());
            }
        }
        for (String row : corpusLines(corpus.resolve("policy.tsv"))) {
            lines += line(out, "policy\t" + row + "\t" + policyAnswer(row));
        }
        String[] cleanFields = {"-", "0", "1"};
        Boolean[] cleans = {null, false, true};
        for (int code = 0; code <= 0xFFFF; code++) {
            for (int i = 0; i < cleans.length; i++) {
                List<String> names = WsClose.explain(code, cleans[i]).causes().stream().map(Cause::name).toList();
                lines += line(out, "explain\t" + code + "\t" + cleanFields[i] + "\t" + String.join(",", names));
            }
        }
        for (Engine engine : Engine.values()) {
            lines += line(out, eventLine(engine, "dropped", null));
            lines += line(out, eventLine(engine, "reset", null));
            for (String payload : payloads) {
                lines += line(out, eventLine(engine, payload, bytes(payload)));
            }
        }
        // An engine that is no engine: a Java Engine is an enum, so null, which is refused.
        for (String input : List.of("dropped", "reset", "03e8")) {
            try {
                if (input.equals("reset")) {
                    WsClose.resetEvent(null);
                } else {
                    WsClose.closeEvent(null, input.equals("dropped") ? null : bytes(input));
                }
                throw new IllegalStateException("engine null was accepted");
            } catch (NullPointerException refused) {
                lines += line(out, "event\t#7\t" + input + "\trefused");
            }
        }
        List<String> pageRows = corpusLines(corpus.resolve("pageclose.tsv"));
        for (Engine engine : Engine.values()) {
            for (String row : pageRows) {
                lines += line(out, "pageclose\t" + engine.engineName() + "\t" + row + "\t" + pageCloseAnswer(engine, row));
            }
        }
        // Profile lookups: the name's WTF-8 bytes as a Java String (lone surrogates kept): none found.
        for (String row : corpusLines(corpus.resolve("profile.txt"))) {
            String name = wtf8(bytes(row));
            lines += line(out, "profile\t" + row + "\t" + Profile.byName(name).map(Profile::name).orElse("-")
                    + "\t" + Profile.bySubprotocol(name).map(Profile::name).orElse("-"));
        }
        List<Integer> codes = corpusLines(corpus.resolve("intent.txt")).stream().map(Integer::parseInt).toList();
        for (Profile profile : Profile.all()) {
            for (Intent intent : Intent.values()) {
                String head = "intent\t" + profile.name() + "\t" + intent.name();
                List<IntentRange> ranges = profile.codesFor(intent);
                lines += line(out, head + "\tranges\t" + ranges.size());
                for (IntentRange r : ranges) {
                    lines += line(out, head + "\trange\t" + r.first() + "\t" + r.last() + "\t" + r.advice().name());
                }
                for (int code : codes) {
                    String verdict = profile.checkIntent(code, intent).map(miss -> {
                        String near = near(miss.below()) + "\t" + near(miss.above());
                        return miss.advice().map(a -> "advice\t" + a.name() + "\t" + near).orElse("unsendable\t" + near);
                    }).orElse("ok");
                    lines += line(out, head + "\tcheck\t" + code + "\t" + verdict);
                }
            }
        }
        return lines;
    }

    private static String near(OptionalInt code) {
        return code.isPresent() ? Integer.toString(code.getAsInt()) : "-";
    }

    /** WTF-8 bytes (UTF-8 that may spell lone surrogates) to the String of those UTF-16 units. */
    private static String wtf8(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length;) {
            int b = bytes[i] & 0xFF;
            int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            int point = len == 1 ? b : b & (0xFF >> (len + 1));
            for (int k = 1; k < len; k++) {
                point = (point << 6) | (bytes[i + k] & 0x3F);
            }
            out.appendCodePoint(point); // a surrogate code point is its lone char
            i += len;
        }
        return out.toString();
    }

    private static String policyAnswer(String row) {
        String[] f = row.split("\t", -1);
        ReconnectPolicy.Builder builder = ReconnectPolicy.builder()
                .baseMs(Long.parseUnsignedLong(f[1]))
                .capMs(Long.parseUnsignedLong(f[2]))
                .retryUnspecified(f[4].equals("1"));
        if (!f[0].equals("-")) {
            builder.profile(Profile.byName(f[0]).orElseThrow());
        }
        if (!f[3].equals("-")) {
            builder.maxAttempts(Long.parseLong(f[3]));
        }
        if (!f[5].equals("-")) {
            for (String item : f[5].split(",")) {
                String[] pair = item.split(":");
                if (!pair[1].startsWith("#")) {
                    builder.override(Integer.parseInt(pair[0]), Advice.valueOf(pair[1]));
                    continue;
                }
                // `#N`: the raw advice number N. A Java Advice is an enum: a number that is no
                // advice has no value but null, which override refuses when the policy is built.
                int number = Integer.parseInt(pair[1].substring(1));
                Advice advice = Arrays.stream(Advice.values()).filter(a -> a.number() == number).findFirst().orElse(null);
                try {
                    builder.override(Integer.parseInt(pair[0]), advice);
                } catch (NullPointerException refused) {
                    return "refused\t-";
                }
            }
        }
        long random = Long.parseUnsignedLong(f[9]);
        int[] calls = {0};
        Decision decision = builder.build().decide(Integer.parseInt(f[6]), f[7].equals("1"), Long.parseLong(f[8]),
                () -> {
                    calls[0]++;
                    return random;
                });
        if (calls[0] != 1) {
            throw new IllegalStateException(row + ": the random source was called " + calls[0] + " times");
        }
        return decision.retry() ? "retry\t" + Long.toUnsignedString(decision.delayMs()) : "stop\t-";
    }

    private static String eventLine(Engine engine, String input, byte[] payload) {
        CloseEvent event = input.equals("reset") ? WsClose.resetEvent(engine) : WsClose.closeEvent(engine, payload);
        String reply = switch (event.reply().kind()) {
            case NONE -> "none";
            case EMPTY -> "empty";
            case CLOSE -> event.reply().code().getAsInt() + ":"
                    + hex(event.reply().reason().getBytes(StandardCharsets.UTF_8));
        };
        return String.join("\t", "event", engine.engineName(), input, Integer.toString(event.code()),
                bit(event.wasClean()), bit(event.errorFired()), hex(event.reason().getBytes(StandardCharsets.UTF_8)),
                reply);
    }

    private static String pageCloseAnswer(Engine engine, String row) {
        String[] f = row.split("\t", -1);
        // Double.parseDouble reads "NaN", "Infinity", "-Infinity", "-0" and "1e300" as JavaScript does.
        Double code = f[0].equals("undefined") ? null : Double.valueOf(Double.parseDouble(f[0]));
        String reason = f[1].equals("undefined") ? null : string(f[1]);
        try {
            SentClose sent = WsClose.pageClose(engine, code, reason);
            return "ok\t" + orDash(sent.code()) + "\t" + hex(sent.reason().getBytes(StandardCharsets.UTF_8));
        } catch (DomException e) {
            return "throw\t" + e.name();
        }
    }
}
