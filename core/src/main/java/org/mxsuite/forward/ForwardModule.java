package org.mxsuite.forward;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.deliver.LocalIdentity;
import org.mxsuite.domain.DomainName;
import org.mxsuite.state.SuiteProperties;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** Guice wiring of forwarding (extensions' injector): the SRS codec with its domain and secrets, and its RCPT limit. */
public class ForwardModule extends AbstractModule {
    static final String GENERATED_SECRET = "file://var/mxsuite/srs-secret";

    @Provides
    @Singleton
    ForwardSettings settings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return ForwardSettings.from(SuiteProperties.read(propertiesProvider));
    }

    @Provides
    @Singleton
    Srs srs(ForwardSettings settings, LocalIdentity self, FileSystem fileSystem, Clock clock) throws IOException {
        List<String> secrets = settings.srsSecrets().isEmpty() ? List.of(generatedSecret(fileSystem.getFile(GENERATED_SECRET)))
            : settings.srsSecrets();
        // the EHLO name may be a bare host name (localhost, a container's name): usable for SRS addresses, if not ideal
        return new Srs(settings.srsDomain().map(DomainName::asString).orElseGet(self::heloName), secrets, settings.srsMaxAge(), clock);
    }

    @Provides
    @Singleton
    SrsRcptLimit srsRcptLimit(ForwardSettings settings, Clock clock) {
        return new SrsRcptLimit(settings.srsRcptLimit(), settings.srsRefusalLimit(), settings.srsRcptWindow(), clock);
    }

    /**
     * One node without configured secrets makes one at first start and keeps it (readable by the owner only), so that
     * bounces keep verifying after a restart. Nodes sharing a state store must share configured secrets instead.
     */
    static String generatedSecret(File file) throws IOException {
        if (file.exists()) {
            return Files.readString(file.toPath(), StandardCharsets.US_ASCII).trim();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        file.getParentFile().mkdirs();
        File temporary = new File(file.getParentFile(), file.getName() + ".tmp");
        Files.writeString(temporary.toPath(), secret + "\n", StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(temporary.toPath(), PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions protect it
        }
        Files.move(temporary.toPath(), file.toPath(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return secret;
    }
}
