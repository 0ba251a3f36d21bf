package org.mxsuite.deliver;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Who we are, so that we never deliver held mail to ourselves (RFC 5321 section 5.1: mail loops). */
public final class LocalIdentity {
    private final String heloName;
    private final Set<String> names;
    private final Set<InetAddress> addresses;

    public LocalIdentity(String heloName, Set<InetAddress> addresses) {
        this(heloName, Set.of(), addresses);
    }

    /**
     * {@code heloName} is the name delivery gives in EHLO; {@code serverNames} the names our own SMTP servers greet
     * with (James's {@code helloName}, which may differ): a destination that greets with any of them is this server.
     */
    public LocalIdentity(String heloName, Set<String> serverNames, Set<InetAddress> addresses) {
        this.heloName = heloName.toLowerCase(Locale.ROOT);
        Set<String> all = new HashSet<>();
        all.add(this.heloName);
        serverNames.forEach(name -> all.add(name.toLowerCase(Locale.ROOT)));
        this.names = Set.copyOf(all);
        this.addresses = Set.copyOf(addresses);
    }

    public static LocalIdentity detect(String heloName, Set<String> serverNames) {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                addresses.addAll(Collections.list(network.getInetAddresses()));
            }
        } catch (SocketException e) {
            // no interface list: only the name protects against loops
        }
        return new LocalIdentity(heloName, serverNames, addresses);
    }

    public static String defaultHeloName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    public String heloName() {
        return heloName;
    }

    /** Whether a host name (an MX target) is this server, by name or by any of its addresses. */
    public boolean isSelf(String host, Set<InetAddress> resolved) {
        return names.contains(host.toLowerCase(Locale.ROOT))
            || resolved.stream().anyMatch(address -> address.isAnyLocalAddress() || addresses.contains(address));
    }

    /** Whether a server's greeting names us: the first word of a 220 greeting is its host name. */
    public boolean greetingIsOurs(String greetingText) {
        String first = greetingText.trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
        return names.contains(first);
    }
}
