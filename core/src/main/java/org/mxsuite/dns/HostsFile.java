package org.mxsuite.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system's hosts file ({@code /etc/hosts}), which is where the system finds loopback names ({@code 127.0.0.1
 * localhost}): read once; an unreadable file is an empty one.
 */
public final class HostsFile {
    private static final Logger LOGGER = LoggerFactory.getLogger(HostsFile.class);

    private final Map<InetAddress, List<String>> names = new LinkedHashMap<>();
    private final Map<String, List<InetAddress>> addresses = new LinkedHashMap<>();

    private HostsFile() {
    }

    public static HostsFile read(Path path) {
        HostsFile hosts = new HostsFile();
        try {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                hosts.add(line);
            }
        } catch (IOException e) {
            LOGGER.warn("Cannot read the hosts file {} ({}): loopback clients are looked up in DNS", path, e.toString());
        }
        return hosts;
    }

    public static HostsFile of(String... lines) {
        HostsFile hosts = new HostsFile();
        for (String line : lines) {
            hosts.add(line);
        }
        return hosts;
    }

    private void add(String line) {
        int hash = line.indexOf('#');
        String[] fields = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
        if (fields.length < 2 || !(fields[0].contains(":") || fields[0].matches("[0-9.]+"))) {
            return;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(fields[0]); // a literal: nothing is looked up
        } catch (UnknownHostException e) {
            return;
        }
        for (int i = 1; i < fields.length; i++) {
            String name = fields[i].toLowerCase(Locale.ROOT);
            names.computeIfAbsent(address, key -> new ArrayList<>()).add(name);
            addresses.computeIfAbsent(name, key -> new ArrayList<>()).add(address);
        }
    }

    /** The names of an address, the canonical one first. */
    public List<String> namesOf(InetAddress address) {
        return names.getOrDefault(address, List.of());
    }

    public List<InetAddress> addressesOf(String name) {
        return addresses.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
