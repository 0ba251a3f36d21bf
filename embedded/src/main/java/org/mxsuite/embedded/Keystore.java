package org.mxsuite.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TLS keystore of the embedded server: a self-signed certificate made with the JDK's keytool on first start,
 * with a random password kept beside it (owner-only). Replace both files to use a real certificate.
 */
public final class Keystore {
    static final String KEYSTORE_FILE = "keystore.p12";
    static final String SECRET_FILE = "keystore.secret";

    private final Path keystore;
    private final String secret;

    private Keystore(Path keystore, String secret) {
        this.keystore = keystore;
        this.secret = secret;
    }

    public static Keystore ensure(Path directory, String hostName) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path keystore = directory.resolve(KEYSTORE_FILE);
        Path secretFile = directory.resolve(SECRET_FILE);
        if (Files.exists(keystore) && Files.exists(secretFile)) {
            return new Keystore(keystore, Files.readString(secretFile, StandardCharsets.US_ASCII).trim());
        }
        String secret = newSecret();
        generate(keystore, secret, hostName);
        Files.writeString(secretFile, secret + "\n", StandardCharsets.US_ASCII);
        ownerOnly(secretFile);
        ownerOnly(keystore);
        return new Keystore(keystore, secret);
    }

    private static String newSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void generate(Path keystore, String secret, String hostName) throws IOException, InterruptedException {
        Files.deleteIfExists(keystore);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
            "-alias", "mxsuite", "-keyalg", "RSA", "-keysize", "2048", "-validity", "825",
            "-dname", "CN=" + hostName,
            "-ext", "SAN=" + subjectAlternativeNames(hostName),
            "-storetype", "PKCS12", "-keystore", keystore.toString(),
            "-storepass", secret, "-keypass", secret);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool could not create " + keystore + ": " + output);
        }
    }

    private static String subjectAlternativeNames(String hostName) {
        String loopback = "dns:localhost,ip:127.0.0.1,ip:::1";
        return hostName.equals("localhost") ? loopback : "dns:" + hostName + "," + loopback;
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the platform's default permissions
        }
    }

    public Path path() {
        return keystore;
    }

    public String secret() {
        return secret;
    }

    /** The keystore as James's file URL ({@code file:///abs/path}). */
    public String fileUrl() {
        return "file://" + keystore.toAbsolutePath();
    }
}
