package org.mxsuite.embedded;

import org.mxsuite.embedded.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TLS keystore of the embedded server: a self-signed certificate made with the JDK's keytool on first start,
 * with a random password kept beside it, in an owner-only directory. Replace both files to use a real certificate.
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
        OwnerOnlyFiles.directory(directory);
        Path keystore = directory.resolve(KEYSTORE_FILE);
        Path secretFile = directory.resolve(SECRET_FILE);
        if (Files.exists(keystore) && Files.exists(secretFile)) {
            return new Keystore(keystore, Files.readString(secretFile, StandardCharsets.US_ASCII).trim());
        }
        String secret = newSecret();
        // keytool reads the password from this file: given as -storepass, it would show in ps while keytool runs
        Path pending = directory.resolve(SECRET_FILE + ".new");
        Files.deleteIfExists(pending);
        OwnerOnlyFiles.write(pending, (secret + "\n").getBytes(StandardCharsets.US_ASCII));
        generate(keystore, pending, hostName);
        OwnerOnlyFiles.restrict(keystore);
        Files.move(pending, secretFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Keystore(keystore, secret);
    }

    private static String newSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void generate(Path keystore, Path secretFile, String hostName) throws IOException, InterruptedException {
        Files.deleteIfExists(keystore);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        // PKCS12 has one password, the store's, for its keys too
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
            "-alias", "mxsuite", "-keyalg", "RSA", "-keysize", "2048", "-validity", "825",
            "-dname", "CN=" + hostName,
            "-ext", "SAN=" + subjectAlternativeNames(hostName),
            "-storetype", "PKCS12", "-keystore", keystore.toString(),
            "-storepass:file", secretFile.toString());
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
