package org.mxsuite.forward;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.deliver.LocalIdentity;
import org.mxsuite.domain.DomainName;
import org.mxsuite.state.OwnerOnlyFiles;
import org.mxsuite.config.SuiteProperties;

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
     * The file is owner-only from its creation, in an owner-only directory: made readable to others even briefly, the
     * secret would let anyone sign SRS addresses of ours.
     */
    static String generatedSecret(File file) throws IOException {
        if (file.exists()) {
            return Files.readString(file.toPath(), StandardCharsets.US_ASCII).trim();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path directory = OwnerOnlyFiles.directory(file.toPath().toAbsolutePath().getParent());
        Path temporary = directory.resolve(file.getName() + ".tmp");
        // left by a start that died before its move: not ours to trust, and perhaps made with wider permissions
        Files.deleteIfExists(temporary);
        OwnerOnlyFiles.write(temporary, (secret + "\n").getBytes(StandardCharsets.US_ASCII));
        Files.move(temporary, file.toPath(), StandardCopyOption.ATOMIC_MOVE);
        return secret;
    }
}
