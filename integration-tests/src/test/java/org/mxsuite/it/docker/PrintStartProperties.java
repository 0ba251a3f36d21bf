package org.mxsuite.it.docker;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;

import org.apache.james.ExtraProperties;

/**
 * Stands in for James's main class when DockerStartScriptTest runs the image's start script: loads the extra
 * properties as James's main does, then prints what James would get (its command line, the keystore it opens with
 * the password it was given, the PostgreSQL password of the operator's secret, James's
 * working directory and the extra properties file).
 */
public final class PrintStartProperties {
    private PrintStartProperties() {
    }

    public static void main(String[] args) throws Exception {
        ExtraProperties.initialize();
        System.out.println("commandLine=" + ProcessHandle.current().info().commandLine().orElse(""));
        String secret = System.getProperty("mxsuite.tls.secret");
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(URI.create(System.getProperty("mxsuite.tls.keystore"))))) {
            keystore.load(in, secret.toCharArray());
        }
        X509Certificate certificate = (X509Certificate) keystore.getCertificate("mxsuite");
        System.out.println("publicKey=" + Base64.getEncoder().encodeToString(certificate.getPublicKey().getEncoded()));
        System.out.println("postgresqlPassword=" + System.getProperty("mxsuite.state.postgresql.password"));
        System.out.println("args=" + String.join(" ", args));
        System.out.println("workingDirectory=" + System.getProperty("working.directory"));
        System.out.println("extraProps=" + System.getProperty("extra.props"));
    }
}
