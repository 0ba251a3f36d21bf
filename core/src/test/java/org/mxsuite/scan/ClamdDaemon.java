package org.mxsuite.scan;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A real clamd for tests, as the current user, on 127.0.0.1 and a free port (and a Unix socket), with a database of
 * one signature made here: the MD5 hash of the EICAR test file ({@link #SIGNATURE}), since signatures cannot be
 * downloaded on the test machines. {@link #isInstalled()} tells whether a test can run (Debian: clamav-daemon).
 */
public final class ClamdDaemon implements AutoCloseable {
    /** The signature's name, as clamd reports a match of an unofficial (locally made) database. */
    public static final String SIGNATURE = "MxSuite.Test.EICAR.UNOFFICIAL";
    /** The EICAR anti-virus test file, in two halves so that this source file is not itself taken for the test file. */
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR" + "-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    /** A message with {@code text} and an attachment (base64) holding {@code attachment}. */
    public static String messageWithAttachment(String subject, String text, String attachment) {
        return "From: Alice <alice@sender.test>\r\n"
            + "To: bob@customer.test\r\n"
            + "Subject: " + subject + "\r\n"
            + "Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n"
            + "Message-ID: <" + subject.replace(' ', '.') + "@sender.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
            + "\r\n"
            + "--b1\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + text
            + "--b1\r\n"
            + "Content-Type: application/octet-stream; name=\"report.com\"\r\n"
            + "Content-Disposition: attachment; filename=\"report.com\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + Base64.getMimeEncoder().encodeToString(attachment.getBytes(StandardCharsets.US_ASCII)) + "\r\n"
            + "--b1--\r\n";
    }

    private static final Optional<Path> BINARY = TestDaemons.binary("clamd", "/usr/sbin/clamd");

    private final Path directory;
    private final int port;
    private Process process;

    private ClamdDaemon(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    public static boolean isInstalled() {
        return BINARY.isPresent();
    }

    public static ClamdDaemon start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("mxsuite-clamd");
        Files.createDirectories(directory.resolve("db"));
        Files.writeString(directory.resolve("db/mxsuite-test.hdb"), md5(EICAR) + ":" + EICAR.length() + ":MxSuite.Test.EICAR\n");
        ClamdDaemon daemon = new ClamdDaemon(directory, TestDaemons.freePort());
        Files.writeString(directory.resolve("clamd.conf"), "Foreground yes\n"
            + "TCPSocket " + daemon.port + "\n"
            + "TCPAddr 127.0.0.1\n"
            + "LocalSocket " + daemon.unixSocket() + "\n"
            + "DatabaseDirectory " + directory.resolve("db") + "\n"
            + "TemporaryDirectory " + directory + "\n"
            + "LogFile " + directory.resolve("clamd.log") + "\n"
            + "PidFile " + directory.resolve("clamd.pid") + "\n"
            // clamd drops root privileges to this user; as another user it runs as that user
            + (TestDaemons.isRoot() ? "User root\n" : "")
            + "SelfCheck 0\n");
        daemon.run();
        return daemon;
    }

    private void run() throws IOException, InterruptedException {
        Path log = directory.resolve("clamd.out");
        process = new ProcessBuilder(BINARY.orElseThrow().toString(), "-c", directory.resolve("clamd.conf").toString())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ClamdClient client = new ClamdClient(endpoint(), Duration.ofSeconds(1));
        TestDaemons.await(process, client::ping, Duration.ofSeconds(60), "clamd", log);
    }

    /** Stops clamd (the address stays this daemon's: {@link #restart()} brings it back there). */
    public void stop() throws InterruptedException {
        TestDaemons.stop(process);
    }

    public void restart() throws IOException, InterruptedException {
        stop();
        run();
    }

    public int port() {
        return port;
    }

    public ClamdEndpoint endpoint() {
        return ClamdEndpoint.tcp("127.0.0.1", port);
    }

    public Path unixSocket() {
        return directory.resolve("clamd.sock");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        TestDaemons.deleteRecursively(directory);
    }

    private static String md5(String content) {
        try {
            return String.format("%032x", new BigInteger(1, MessageDigest.getInstance("MD5").digest(content.getBytes(StandardCharsets.US_ASCII))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
