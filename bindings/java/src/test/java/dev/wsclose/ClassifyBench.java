package dev.wsclose;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code make bench-java}: nanoseconds per classify through the binding (FFM downcall into
 * libwsclose) next to an inline Java switch, in the same run over the same random codes.
 *
 * <p>A plain harness, not JMH: each variant runs 5 warm-up rounds and then 15 measured rounds over
 * 2^16 codes x 16 passes; the median round is reported. Every result feeds a sum that is printed,
 * so the JIT cannot drop the calls. Run with {@code --report docs/benchmarks.md} to rewrite the
 * {@code bench:java} section of that file.
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

    static long viaRawHandle(int[] codes) {
        MethodHandle classify = Native.CLASSIFY;
        long sum = 0;
        try {
            for (int pass = 0; pass < PASSES; pass++) {
                for (int code : codes) {
                    sum += (byte) classify.invokeExact((char) code);
                }
            }
        } catch (Throwable t) {
            throw WsClose.rethrow(t);
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
        List<Result> results = List.of(
                measure("WsClose.classify (FFM downcall, checks + enum)", ClassifyBench::viaBinding, codes),
                measure("raw downcall handle (char -> byte)", ClassifyBench::viaRawHandle, codes),
                measure("inline Java switch", ClassifyBench::viaSwitch, codes),
                measure("inline Java if-chain", ClassifyBench::viaIfChain, codes));
        double peer = results.get(2).nsPerCall();
        StringBuilder table = new StringBuilder();
        table.append("| variant | ns/call | time / inline switch |\n|---|---:|---:|\n");
        for (Result r : results) {
            table.append(String.format("| %s | %.2f | %.1fx |%n", r.name(), r.nsPerCall(), r.nsPerCall() / peer));
        }
        long checksum = results.stream().mapToLong(Result::checksum).sum();
        System.out.print(table);
        System.out.println("(checksum " + checksum + ")");

        if (args.length == 2 && args[0].equals("--report")) {
            String section = "### Java (FFM)\n\n"
                    + "`make bench-java`: `WsClose.classify(int)` through the Foreign Function & Memory API "
                    + "(critical downcall into libwsclose) and the raw downcall handle next to an inline Java `switch` (and an if-chain), same JVM, same run, "
                    + "over 2^16 codes from a fixed seed (half uniform over 0..65535, a quarter 1000..1015, a quarter "
                    + "3000..4999). Plain harness, not JMH: 5 warm-up rounds, the median of 15 rounds of 16 passes, "
                    + "results summed into a printed checksum.\n\n"
                    + table
                    + "\nOn this random mix the inline `switch` and if-chain often mispredict their branches, while `wsclose_classify` adds up five comparisons without branching, which is why the call can come out ahead.\n"
                    + "\nMachine: " + cpuModel() + " (" + Runtime.getRuntime().availableProcessors() + " cores), "
                    + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                    + ". Date: " + LocalDate.now() + ".\n";
            writeSection(Path.of(args[1]), "java", section);
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
