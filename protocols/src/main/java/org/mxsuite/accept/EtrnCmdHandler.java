package org.mxsuite.accept;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.EhloExtension;
import org.mxsuite.deliver.DeliveryEngine;
import org.mxsuite.deliver.DestinationResolver;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.relay.RelayAccount;
import org.mxsuite.relay.RelayClients;

/**
 * ETRN (RFC 1985): a customer's server, back online, asks for its held mail now.
 * {@code ETRN example.com} and {@code ETRN #example.com} start delivery of that domain's held mail,
 * {@code ETRN @example.com} of it and its hosted subdomains. Only the domain's own servers (its destination or
 * MX hosts, by the client's address), trusted networks (James's {@code authorizedAddresses}) and relay accounts that
 * own the domain (an AUTH login whose account lists it) may ask, for every domain the node names; anyone else, a
 * mailbox user or another account included, gets 459 and learns nothing of the queue. A flush costs the customer's
 * server a connection and tells how much mail waits: it is not for strangers.
 */
public class EtrnCmdHandler implements CommandHandler<SMTPSession>, EhloExtension {
    private static final String COMMAND = "ETRN";

    private final HostedDomainStore domains;
    private final HoldQueue queue;
    private final DeliveryEngine engine;
    private final DestinationResolver destinations;
    private final RelayClients relayClients;

    @Inject
    public EtrnCmdHandler(HostedDomainStore domains, HoldQueue queue, DeliveryEngine engine, DestinationResolver destinations,
                          RelayClients relayClients) {
        this.domains = domains;
        this.queue = queue;
        this.engine = engine;
        this.destinations = destinations;
        this.relayClients = relayClients;
    }

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        String argument = Optional.ofNullable(request.getArgument()).map(String::trim).orElse("");
        boolean withSubdomains = argument.startsWith("@");
        String node = argument.startsWith("@") || argument.startsWith("#") ? argument.substring(1) : argument;
        DomainName name;
        try {
            name = DomainName.of(node);
        } catch (InvalidSettingException e) {
            return new SMTPResponse("501", "5.5.4 Syntax error in parameters: ETRN needs a domain, #domain or @domain");
        }
        List<HostedDomain> nodes = domains.list().stream()
            .filter(domain -> domain.service().holdsMail())
            .filter(domain -> withSubdomains ? domain.name().isWithin(name) : domain.name().equals(name))
            .collect(Collectors.toList());
        // a trusted network is one James lets relay without a login; after AUTH, James lets anyone logged in relay
        boolean trustedNetwork = session.getUsername() == null && session.isRelayingAllowed();
        Optional<RelayAccount> account = Optional.ofNullable(session.getUsername())
            .flatMap(login -> relayClients.account(login.asString()));
        InetAddress client = session.getRemoteAddress().getAddress();
        if (nodes.isEmpty()) {
            return trustedNetwork || account.filter(owner -> owner.owns(name)).isPresent()
                ? new SMTPResponse("458", "4.1.2 Unable to queue messages for node " + argument + ": it is not a backup or relay domain here")
                : notAllowed(argument);
        }
        if (!trustedNetwork && !nodes.stream().allMatch(domain -> destinations.isServerOf(domain, client)
            || account.filter(owner -> owner.owns(domain.name())).isPresent())) {
            return notAllowed(argument);
        }
        // a paused domain delivers nothing until resumed: 252/253 would say a delivery started that does not
        List<HostedDomain> deliverable = nodes.stream().filter(domain -> !isPaused(domain)).collect(Collectors.toList());
        if (deliverable.isEmpty()) {
            return new SMTPResponse("458", "4.3.0 Unable to queue messages for node " + name
                + ": its delivery is paused by the administrator");
        }
        long pending = 0;
        for (HostedDomain domain : deliverable) {
            pending += queue.usage(domain.name()).messages();
            engine.flush(domain.name());
        }
        if (pending == 0) {
            return new SMTPResponse("251", "2.0.0 OK, no messages waiting for node " + name);
        }
        return new SMTPResponse("253", "2.0.0 OK, " + pending + " pending message" + (pending == 1 ? "" : "s")
            + " for node " + name + " started");
    }

    private static boolean isPaused(HostedDomain domain) {
        return domain.holdPolicy().map(HoldPolicy::paused).orElse(false);
    }

    private static SMTPResponse notAllowed(String node) {
        return new SMTPResponse("459", "4.7.1 Node " + node.toLowerCase(Locale.ROOT) + " not allowed: you are not one of its servers"
            + " nor its owner");
    }

    @Override
    public Collection<String> getImplCommands() {
        return List.of(COMMAND);
    }

    @Override
    public List<String> getImplementedEsmtpFeatures(SMTPSession session) {
        return List.of(COMMAND);
    }
}
