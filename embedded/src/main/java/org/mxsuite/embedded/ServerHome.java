package org.mxsuite.embedded;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The James working directory of the embedded server ({@code MXSUITE_HOME}, default {@code ./var}):
 * <pre>
 * conf/            copied from james-conf/ at every start (edit james-conf/, not this copy)
 * extensions-jars/ the plugin jar, copied at every start
 * tls/             the keystore, generated on first start
 * var/             James's data, the mail spool (store/spool/) and the suite's state (H2), kept across restarts
 * </pre>
 */
public final class ServerHome {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{sys:(mxsuite\\.[A-Za-z0-9.]+)");
    private final Path root;

    public ServerHome(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path conf() {
        return root.resolve("conf");
    }

    public Path extensionsJars() {
        return root.resolve("extensions-jars");
    }

    public Path tls() {
        return root.resolve("tls");
    }

    public Path data() {
        return root.resolve("var");
    }

    /** Replaces conf/ with the files of {@code source} so that james-conf/ stays the one source of truth. */
    public void installConfiguration(Path source) throws IOException {
        if (!Files.isRegularFile(source.resolve("smtpserver.xml"))) {
            throw new IOException(source + " is not a James configuration directory (no smtpserver.xml)");
        }
        deleteRecursively(conf());
        Files.createDirectories(conf());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(source)) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, conf().resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The system properties that the files of conf/ use, as {@code ${sys:mxsuite....}} placeholders. */
    public Set<String> placeholders() throws IOException {
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(conf())) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    Matcher placeholder = PLACEHOLDER.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                    while (placeholder.find()) {
                        names.add(placeholder.group(1));
                    }
                }
            }
        }
        return names;
    }

    /** Puts the plugin jar, and only it, into extensions-jars/. */
    public void installPlugin(Path pluginJar) throws IOException {
        if (!Files.isRegularFile(pluginJar)) {
            throw new IOException("plugin jar " + pluginJar + " does not exist: build it with mvn -B package -DskipTests");
        }
        deleteRecursively(extensionsJars());
        Files.createDirectories(extensionsJars());
        Files.copy(pluginJar, extensionsJars().resolve(pluginJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
