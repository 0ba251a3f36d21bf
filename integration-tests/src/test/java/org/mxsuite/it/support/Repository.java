package org.mxsuite.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the checkout under test: the configuration, the plugin jar, the launcher, the Docker inputs. */
public final class Repository {
    private Repository() {
    }

    public static Path root() {
        String root = System.getProperty("mxsuite.repository.root", "..");
        Path path = Path.of(root).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path.resolve("james-conf/smtpserver.xml"))) {
            throw new IllegalStateException(path + " is not the MX Suite repository root");
        }
        return path;
    }

    public static Path jamesConf() {
        return root().resolve("james-conf");
    }

    public static Path pluginJar() {
        return root().resolve("plugin/target/mxsuite-plugin.jar");
    }
}
