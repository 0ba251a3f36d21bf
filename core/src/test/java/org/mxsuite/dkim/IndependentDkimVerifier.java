package org.mxsuite.dkim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * DKIM verification by dkimpy (Debian's python3-dkim, installed by .ci/run), not by our code: the script
 * {@code dkim-verify.py} verifies every signature of a message, with the public keys given or asked of a DNS server.
 * Where python3-dkim is missing the calling test is skipped, saying so.
 */
public final class IndependentDkimVerifier {
    private static final String PYTHON = "/usr/bin/python3";
    private static Boolean installed;

    /** What the verifier said: whether every signature passed (and there was one), and its lines. */
    public static final class Verdict {
        public final boolean passed;
        public final String output;

        Verdict(boolean passed, String output) {
            this.passed = passed;
            this.output = output;
        }

        @Override
        public String toString() {
            return output;
        }
    }

    private IndependentDkimVerifier() {
    }

    /** Verifies with these TXT records (name to text). */
    public static Verdict withRecords(byte[] message, Map<String, String> records) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>();
        records.forEach((name, text) -> arguments.add(name + "=" + text));
        return run(message, arguments);
    }

    /** Verifies with the keys that the DNS server at {@code hostAndPort} serves. */
    public static Verdict withDnsServer(byte[] message, String hostAndPort) throws IOException, InterruptedException {
        return run(message, List.of("--dns", hostAndPort));
    }

    private static Verdict run(byte[] message, List<String> arguments) throws IOException, InterruptedException {
        assumeDkimpy();
        Path script = Files.createTempFile("dkim-verify", ".py");
        try {
            try (InputStream source = IndependentDkimVerifier.class.getResourceAsStream("dkim-verify.py")) {
                Files.write(script, source.readAllBytes());
            }
            List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(message);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("dkim-verify.py did not finish: " + output);
            }
            return new Verdict(process.exitValue() == 0, output);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static synchronized void assumeDkimpy() throws IOException, InterruptedException {
        if (installed == null) {
            installed = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import dkim, dns, nacl").start().waitFor() == 0;
        }
        Assumptions.assumeTrue(installed, "skipped: python3-dkim (with python3-dnspython and python3-nacl) is not installed");
    }
}
