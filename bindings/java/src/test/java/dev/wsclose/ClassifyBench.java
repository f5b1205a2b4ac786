package dev.wsclose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code make bench-java}: nanoseconds per classify through the binding next to an inline Java
 * switch, in the same run over the same random codes. The route is the jar's on the running JDK:
 * FFM (critical downcall) on JDK 22 and newer, JNA (direct mapping) below.
 *
 * <p>A plain harness, not JMH: each variant runs 5 warm-up rounds and then 15 measured rounds over
 * 2^16 codes x 16 passes; the median round is reported. Every result feeds a sum that is printed,
 * so the JIT cannot drop the calls. {@code --rows FILE} writes this run's table rows to FILE;
 * {@code --report docs/benchmarks.md [ROWS...]} rewrites the {@code bench:java} section of that
 * file with this run's rows and those of earlier runs (make bench-java: JNA on JDK 17, then FFM
 * on JDK 25).
 */
public final class ClassifyBench {
    private ClassifyBench() {}

    private static final int CODES = 1 << 16;
    private static final int PASSES = 16;
    private static final int WARMUP_ROUNDS = 5;
    private static final int ROUNDS = 15;

    /** A fixed-seed random mix: half uniform over 0..65535, a quarter 1000..1015, a quarter 3000..4999. */
    static int[] codes() {
        SplittableRandom random = new SplittableRandom(0x5eed_c105eL);
        int[] codes = new int[CODES];
        for (int i = 0; i < CODES; i++) {
            int pick = random.nextInt(4);
            codes[i] = switch (pick) {
                case 0, 1 -> random.nextInt(65536);
                case 2 -> 1000 + random.nextInt(16);
                default -> 3000 + random.nextInt(2000);
            };
        }
        return codes;
    }

    /** The peer: what an application would write inline. */
    static int inlineSwitch(int code) {
        return switch (code / 1000) {
            case 0 -> 0;
            case 1 -> code <= 1015 ? 1 : 2;
            case 2 -> 2;
            case 3 -> 3;
            case 4 -> 4;
            default -> 5;
        };
    }

    /** The same rules as comparisons, the other way an application writes it. */
    static int inlineIfChain(int code) {
        if (code < 1000) {
            return 0;
        } else if (code < 1016) {
            return 1;
        } else if (code < 3000) {
            return 2;
        } else if (code < 4000) {
            return 3;
        } else if (code < 5000) {
            return 4;
        }
        return 5;
    }

    interface Variant {
        long run(int[] codes);
    }

    static long viaBinding(int[] codes) {
        long sum = 0;
        for (int pass = 0; pass < PASSES; pass++) {
            for (int code : codes) {
                sum += WsClose.classify(code).ordinal();
            }
        }
        return sum;
    }

    static long viaSeam(int[] codes) {
        long sum = 0;
        for (int pass = 0; pass < PASSES; pass++) {
            for (int code : codes) {
                sum += Native.classify((char) code);
            }
        }
        return sum;
    }

    static long viaSwitch(int[] codes) {
        long sum = 0;
        for (int pass = 0; pass < PASSES; pass++) {
            for (int code : codes) {
                sum += inlineSwitch(code);
            }
        }
        return sum;
    }

    static long viaIfChain(int[] codes) {
        long sum = 0;
        for (int pass = 0; pass < PASSES; pass++) {
            for (int code : codes) {
                sum += inlineIfChain(code);
            }
        }
        return sum;
    }

    record Result(String name, double nsPerCall, long checksum) {}

    static Result measure(String name, Variant variant, int[] codes) {
        long checksum = 0;
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            checksum += variant.run(codes);
        }
        double[] ns = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            checksum += variant.run(codes);
            ns[i] = (System.nanoTime() - start) / (double) ((long) CODES * PASSES);
        }
        Arrays.sort(ns);
        return new Result(name, ns[ROUNDS / 2], checksum);
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }

    public static void main(String[] args) throws IOException {
        int[] codes = codes();
        // The variants must agree before any of them is timed.
        for (int code : codes) {
            int category = WsClose.classify(code).ordinal();
            if (category != inlineSwitch(code) || category != inlineIfChain(code)) {
                throw new AssertionError("binding and inline switch disagree on " + code);
            }
        }
        String route = Native.route().equals("ffm") ? "FFM, critical downcall" : "JNA, direct mapping";
        List<Result> results = List.of(
                measure("WsClose.classify (" + route + "; checks + enum)", ClassifyBench::viaBinding, codes),
                measure("Native.classify (" + route + "; char -> int)", ClassifyBench::viaSeam, codes),
                measure("inline Java switch", ClassifyBench::viaSwitch, codes),
                measure("inline Java if-chain", ClassifyBench::viaIfChain, codes));
        double peer = results.get(2).nsPerCall();
        String jdk = Runtime.version().feature() + " (" + Native.route() + ")";
        StringBuilder rows = new StringBuilder();
        for (Result r : results) {
            rows.append(String.format("| %s | %s | %.2f | %.1fx |%n", r.name(), jdk, r.nsPerCall(), r.nsPerCall() / peer));
        }
        long checksum = results.stream().mapToLong(Result::checksum).sum();
        System.out.print(rows);
        System.out.println("(checksum " + checksum + ")");

        StringBuilder table = new StringBuilder(
                "| variant | JDK (route) | ns/call | time / inline switch, same JDK |\n|---|---|---:|---:|\n");
        Path report = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rows") && i + 1 < args.length) {
                Files.writeString(Path.of(args[++i]), rows.toString());
            } else if (args[i].equals("--report") && i + 1 < args.length) {
                report = Path.of(args[++i]);
            } else if (report != null) {
                table.append(Files.readString(Path.of(args[i])));
            } else {
                throw new IllegalArgumentException("usage: ClassifyBench [--rows FILE] [--report DOC [ROWS...]]");
            }
        }
        if (report != null) {
            table.append(rows);
            String section = "### Java (JNA on JDK 17, FFM on JDK 22+)\n\n"
                    + "`make bench-java`: `WsClose.classify(int)` through each route of the multi-release jar, and the "
                    + "internal `Native.classify(char)` under it, next to an inline Java `switch` (and an if-chain) "
                    + "in the same JVM and run: JNA direct mapping on JDK 17, the Foreign Function & Memory API "
                    + "(critical downcall into libwsclose) on JDK 25, each JDK in its own process, "
                    + "over 2^16 codes from a fixed seed (half uniform over 0..65535, a quarter 1000..1015, a quarter "
                    + "3000..4999). Plain harness, not JMH: 5 warm-up rounds, the median of 15 rounds of 16 passes, "
                    + "results summed into a printed checksum.\n\n"
                    + table
                    + "\nOn this random mix the inline `switch` and if-chain often mispredict their branches, while "
                    + "`wsclose_classify` adds up five comparisons without branching, which is why the bare FFM call "
                    + "(`Native.classify`) can come out ahead; `WsClose.classify` adds the 0..65535 check and the "
                    + "enum lookup. A JNA call pays JNI's fixed cost (thread state transition, argument "
                    + "marshalling) on every call, so below JDK 22 prefer `WsClose.classifyMany` for bulk work.\n"
                    + "\nMachine: " + cpuModel() + " (" + Runtime.getRuntime().availableProcessors() + " cores); "
                    + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                    + " for the FFM rows. Date: " + LocalDate.now() + ".\n";
            writeSection(report, "java", section);
        }
    }

    /** Replaces the text between {@code <!-- bench:NAME -->} and its end marker, or appends both. */
    static void writeSection(Path file, String name, String body) throws IOException {
        String start = "<!-- bench:" + name + " -->";
        String end = "<!-- /bench:" + name + " -->";
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        String block = start + "\n" + body + end;
        if (from >= 0 && to > from) {
            text = text.substring(0, from) + block + text.substring(to + end.length());
        } else {
            text = text.stripTrailing() + "\n\n" + block + "\n";
        }
        Files.writeString(file, text);
    }
}
