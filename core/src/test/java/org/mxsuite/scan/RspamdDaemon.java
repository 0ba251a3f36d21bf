package org.mxsuite.scan;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real rspamd for tests, as the current user, with its normal worker on 127.0.0.1 and a free port, and a minimal
 * configuration of its own: no Redis, no DNS, none of the stock rules, but three rules of ours on the Subject so that
 * a test gets each kind of answer at will ({@link #REJECT}, {@link #ADD_HEADER}, {@link #GREYLIST}), and one that
 * shows the envelope it was told ({@link #ENVELOPE_SYMBOL}). A small list of top-level domains spares it the
 * seconds it spends compiling the full one. {@link #isInstalled()} tells whether a test can run (Debian: rspamd).
 */
public final class RspamdDaemon implements AutoCloseable {
    /** In a Subject: score 50, action reject. */
    public static final String REJECT = "MXSUITE-TEST-REJECT";
    /** In a Subject: score 8, action add header. */
    public static final String ADD_HEADER = "MXSUITE-TEST-HEADER";
    /** In a Subject: score 5, action greylist. */
    public static final String GREYLIST = "MXSUITE-TEST-GREYLIST";
    /** Matches (score 0.01) when rspamd was told sender envelope@sender.test, HELO client.test and client 192.0.2.1. */
    public static final String ENVELOPE_SYMBOL = "MXSUITE_TEST_ENVELOPE";

    private static final Optional<Path> BINARY = TestDaemons.binary("rspamd", "/usr/bin/rspamd");
    private static final String RULES = ""
        + "local function subject_has(token)\n"
        + "  return function(task)\n"
        + "    local subject = task:get_header('Subject')\n"
        + "    return subject ~= nil and subject:find(token, 1, true) ~= nil\n"
        + "  end\n"
        + "end\n"
        + "rspamd_config:register_symbol{ name = 'MXSUITE_TEST_REJECT', score = 50.0, callback = subject_has('" + REJECT + "') }\n"
        + "rspamd_config:register_symbol{ name = 'MXSUITE_TEST_HEADER', score = 8.0, callback = subject_has('" + ADD_HEADER + "') }\n"
        + "rspamd_config:register_symbol{ name = 'MXSUITE_TEST_GREYLIST', score = 5.0, callback = subject_has('" + GREYLIST + "') }\n"
        + "rspamd_config:register_symbol{ name = '" + ENVELOPE_SYMBOL + "', score = 0.01, callback = function(task)\n"
        + "  local from = task:get_from('smtp')\n"
        + "  local ip = task:get_from_ip()\n"
        + "  return from ~= nil and from[1] ~= nil and from[1].addr == 'envelope@sender.test'\n"
        + "    and task:get_helo() == 'client.test' and ip ~= nil and tostring(ip) == '192.0.2.1'\n"
        + "end }\n";

    private final Path directory;
    private final int port;
    private Process process;

    private RspamdDaemon(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    public static boolean isInstalled() {
        return BINARY.isPresent();
    }

    public static RspamdDaemon start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("mxsuite-rspamd");
        Files.createDirectories(directory.resolve("db"));
        RspamdDaemon daemon = new RspamdDaemon(directory, TestDaemons.freePort());
        Files.writeString(directory.resolve("rules.lua"), RULES);
        Files.writeString(directory.resolve("tld.dat"), "com\nnet\norg\ntest\nexample\n");
        Files.writeString(directory.resolve("rspamd.conf"), "options {\n"
            + "  pidfile = \"" + directory.resolve("rspamd.pid") + "\";\n"
            + "  dns { nameserver = [\"127.0.0.1:1\"]; timeout = 0.2s; retransmits = 1; }\n"
            + "  filters = \"\";\n"
            + "  url_tld = \"" + directory.resolve("tld.dat") + "\";\n"
            + "  hs_cache_dir = \"" + directory.resolve("db") + "\";\n"
            + "}\n"
            + "logging { type = \"file\"; filename = \"" + directory.resolve("rspamd.log") + "\"; level = \"info\"; }\n"
            + "worker \"normal\" { bind_socket = \"127.0.0.1:" + daemon.port + "\"; count = 1; task_timeout = 8s; }\n"
            + "actions { reject = 15; \"add header\" = 6; greylist = 4; }\n"
            + "lua = \"" + directory.resolve("rules.lua") + "\";\n");
        daemon.run();
        return daemon;
    }

    private void run() throws IOException, InterruptedException {
        Path log = directory.resolve("rspamd.out");
        List<String> command = new ArrayList<>(List.of(BINARY.orElseThrow().toString(), "-f",
            "-c", directory.resolve("rspamd.conf").toString(),
            "--var", "DBDIR=" + directory.resolve("db"), "--var", "RUNDIR=" + directory, "--var", "LOGDIR=" + directory));
        if (TestDaemons.isRoot()) {
            // rspamd refuses to run as root unless told to, and whom to run as
            command.addAll(List.of("-i", "-u", "root", "-g", "root"));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TestDaemons.await(process, this::answersPing, Duration.ofSeconds(60), "rspamd", log);
    }

    private boolean answersPing() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("GET /ping HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).contains("pong");
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops rspamd (the address stays this daemon's: {@link #restart()} brings it back there). */
    public void stop() throws InterruptedException {
        TestDaemons.stop(process);
    }

    public void restart() throws IOException, InterruptedException {
        stop();
        run();
    }

    public URI address() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        TestDaemons.deleteRecursively(directory);
    }
}
