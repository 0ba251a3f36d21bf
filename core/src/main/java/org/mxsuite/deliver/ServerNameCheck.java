package org.mxsuite.deliver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;

/**
 * The name this server gives in EHLO when it delivers held and forwarded mail, and signs SRS addresses with (unless
 * {@code forward.srsDomain} names another), must be a fully qualified domain name: receivers refuse a sender at a
 * bare host name such as a container's id, and bounces to it could never come back. A server whose SMTP listeners
 * are all on loopback is exempt: nothing outside this machine can send it mail, bounces included, so it is a trial
 * on a workstation (often named with a bare host name), and refusing to start would only stand in its way.
 */
public final class ServerNameCheck {
    private ServerNameCheck() {
    }

    /** Why {@code name} is not a fully qualified domain name, or empty when it is one. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("no name");
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (lower.equals("localhost") || lower.endsWith(".localhost") || lower.endsWith(".localdomain") || lower.endsWith(".local")) {
            return Optional.of("a name of this machine alone");
        }
        if (lower.startsWith("[") || lower.indexOf(':') >= 0) {
            return Optional.of("an address, not a name");
        }
        try {
            DomainName.of(lower);
            return Optional.empty();
        } catch (InvalidSettingException e) {
            return Optional.of(lower.indexOf('.') < 0 ? "a bare host name" : e.getMessage());
        }
    }

    /**
     * Refuses, with what to do, a name that is not fully qualified unless every SMTP listener is on loopback.
     *
     * @param heloName the EHLO name delivery uses (configured or detected)
     * @param configured whether an administrator chose it ({@code delivery.heloName})
     * @param srsDomain {@code forward.srsDomain} when set; SRS addresses are at {@code heloName} otherwise
     */
    public static void require(String heloName, boolean configured, Optional<String> srsDomain, List<String> smtpBinds) {
        if (loopbackOnly(smtpBinds)) {
            return;
        }
        Optional<String> helo = problem(heloName);
        if (helo.isPresent()) {
            throw new IllegalStateException("MX Suite refuses to start: the name this server gives in EHLO when it delivers"
                + (srsDomain.isEmpty() ? " and signs SRS addresses of forwarded mail with" : "") + " is '" + heloName + "' ("
                + (configured ? "delivery.heloName" : "this host's name") + "), " + helo.get()
                + ", not a fully qualified domain name: receivers would refuse its mail and bounces could not come back. "
                + "Name the server: in Docker, hostname: mx.example.net in compose.yaml (MXSUITE_HOSTNAME); otherwise "
                + "delivery.heloName in mxsuite.properties (-Dmxsuite.delivery.heloname=mx.example.net, MXSUITE_DELIVERY_HELONAME "
                + "with ./mxsuite start). Listening on loopback only, any name is accepted.");
        }
        Optional<String> srs = srsDomain.flatMap(ServerNameCheck::problem);
        if (srs.isPresent()) {
            throw new IllegalStateException("MX Suite refuses to start: forward.srsDomain is '" + srsDomain.get() + "', "
                + srs.get() + ", not a fully qualified domain name: bounces to forwarded mail could not come back");
        }
    }

    /**
     * What to warn of in the names James's SMTP servers greet with ({@code helloName} of smtpserver.xml, this host's
     * name by default): not refused, since a workstation's bare host name is common and the greeting name matters less
     * than the EHLO and SRS name, which an administrator can set alone; James's greeting follows the host name.
     */
    public static List<String> greetingWarnings(Set<String> greetingNames, List<String> smtpBinds) {
        List<String> warnings = new ArrayList<>();
        if (loopbackOnly(smtpBinds)) {
            return warnings;
        }
        for (String name : greetingNames) {
            problem(name).ifPresent(problem -> warnings.add("James's SMTP servers greet with '" + name + "', " + problem
                + ", not a fully qualified domain name: name the host (hostname: in compose.yaml) or set helloName in smtpserver.xml"));
        }
        return warnings;
    }

    /** The {@code bind} addresses of the enabled servers of smtpserver.xml. */
    public static List<String> smtpBinds(ConfigurationProvider configurations) throws ConfigurationException {
        List<String> binds = new ArrayList<>();
        HierarchicalConfiguration<ImmutableNode> servers = configurations.getConfiguration("smtpserver");
        for (HierarchicalConfiguration<ImmutableNode> server : servers.configurationsAt("smtpserver")) {
            if (server.getBoolean("[@enabled]", true)) {
                for (String bind : server.getString("bind", "0.0.0.0:25").split(",")) {
                    binds.add(bind.trim());
                }
            }
        }
        return binds;
    }

    /**
     * Whether every address is a loopback one: an IPv4 literal in 127.0.0.0/8, ::1, or {@code localhost}. Any other
     * name, which DNS may point anywhere, is not; no listener at all is not loopback either.
     */
    static boolean loopbackOnly(List<String> binds) {
        return !binds.isEmpty() && binds.stream().allMatch(ServerNameCheck::isLoopback);
    }

    private static boolean isLoopback(String bind) {
        String host = bind.trim();
        if (host.startsWith("[")) {
            host = host.substring(1, Math.max(1, host.indexOf(']')));
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !host.matches("[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            // a literal: no lookup happens
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
