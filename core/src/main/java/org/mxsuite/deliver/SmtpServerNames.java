package org.mxsuite.deliver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names James's SMTP servers greet with ({@code smtpserver.xml}): each server's {@code helloName}, or, as James
 * 3.8.1 does by default ({@code autodetect}), this host's name. The delivery engine's loop check must know them: the
 * name it gives in EHLO ({@code delivery.heloName}) is set apart and may differ.
 */
final class SmtpServerNames {
    private static final Logger LOGGER = LoggerFactory.getLogger(SmtpServerNames.class);

    private SmtpServerNames() {
    }

    static Set<String> of(ConfigurationProvider configurations) {
        Set<String> names = new HashSet<>();
        try {
            HierarchicalConfiguration<ImmutableNode> servers = configurations.getConfiguration("smtpserver");
            for (HierarchicalConfiguration<ImmutableNode> server : servers.configurationsAt("smtpserver")) {
                if (server.getBoolean("helloName.[@autodetect]", true)) {
                    localHostName().ifPresent(names::add);
                } else if (server.getString("helloName", null) != null) {
                    names.add(server.getString("helloName"));
                }
            }
        } catch (ConfigurationException | RuntimeException e) {
            LOGGER.warn("cannot read the SMTP servers' names from smtpserver.xml ({}): only this host's name is known", e.toString());
            localHostName().ifPresent(names::add);
        }
        return names;
    }

    private static Optional<String> localHostName() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
