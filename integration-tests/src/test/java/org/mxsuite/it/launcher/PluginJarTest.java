package org.mxsuite.it.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.mxsuite.it.support.Repository;

/** The one jar a user drops into extensions-jars/: complete, relocated, and loadable by a Java 11 JRE. */
class PluginJarTest {
    private static final int JAVA_11_CLASS_FILE_MAJOR = 55;

    @Test
    void everyClassRunsOnJava11() throws IOException {
        try (JarFile jar = new JarFile(Repository.pluginJar().toFile())) {
            List<String> tooNew = new ArrayList<>();
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().endsWith(".class") && majorVersion(jar, entry) > JAVA_11_CLASS_FILE_MAJOR) {
                    tooNew.add(entry.getName());
                }
            }
            assertThat(tooNew).isEmpty();
        }
    }

    @Test
    void thirdPartyClassesAreRelocatedUnderOurPackage() throws IOException {
        try (JarFile jar = new JarFile(Repository.pluginJar().toFile())) {
            List<String> classes = Collections.list(jar.entries()).stream()
                .map(JarEntry::getName)
                .filter(name -> name.endsWith(".class"))
                .collect(Collectors.toList());

            assertThat(classes).allMatch(name -> name.startsWith("org/mxsuite/"));
            assertThat(classes).anyMatch(name -> name.startsWith("org/mxsuite/shaded/org/h2/"))
                .anyMatch(name -> name.startsWith("org/mxsuite/shaded/org/postgresql/"))
                .anyMatch(name -> name.startsWith("org/mxsuite/shaded/org/flywaydb/"))
                .anyMatch(name -> name.startsWith("org/mxsuite/shaded/com/zaxxer/hikari/"))
                .anyMatch(name -> name.equals("org/mxsuite/shaded/org/bouncycastle/crypto/signers/Ed25519Signer.class"));
        }
    }

    @Test
    void jdbcDriversAreRegisteredUnderTheirRelocatedNames() throws IOException {
        try (JarFile jar = new JarFile(Repository.pluginJar().toFile())) {
            String drivers = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes(),
                StandardCharsets.UTF_8);
            assertThat(drivers.lines()).containsExactlyInAnyOrder("org.mxsuite.shaded.org.h2.Driver",
                "org.mxsuite.shaded.org.postgresql.Driver");
        }
    }

    @Test
    void holdsEveryClassTheShippedConfigurationNames() throws IOException {
        List<String> named = new ArrayList<>();
        named.addAll(classesOf("extensions.properties", "guice.extension.module"));
        named.addAll(classesOf("extensions.properties", "guice.extension.startable"));
        named.addAll(classesOf("webadmin.properties", "extensions.routes"));
        assertThat(named).isNotEmpty();

        try (JarFile jar = new JarFile(Repository.pluginJar().toFile())) {
            assertThat(named).allMatch(className -> jar.getEntry(className.replace('.', '/') + ".class") != null);
        }
    }

    private static List<String> classesOf(String file, String key) throws IOException {
        Properties properties = new Properties();
        try (InputStream input = Files.newInputStream(Repository.jamesConf().resolve(file))) {
            properties.load(input);
        }
        String value = properties.getProperty(key, "");
        List<String> classes = new ArrayList<>();
        for (String name : value.split(",")) {
            if (!name.isBlank()) {
                classes.add(name.trim());
            }
        }
        return classes;
    }

    private static int majorVersion(JarFile jar, JarEntry entry) throws IOException {
        try (DataInputStream input = new DataInputStream(jar.getInputStream(entry))) {
            input.readInt();
            input.readUnsignedShort();
            return input.readUnsignedShort();
        }
    }
}
