package org.mxsuite.it.support;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.imapserver.netty.IMAPServerFactory;
import org.apache.james.pop3server.netty.POP3ServerFactory;
import org.apache.james.protocols.lib.netty.AbstractConfigurableAsyncServer;
import org.apache.james.protocols.lib.netty.AbstractServerFactory;
import org.apache.james.smtpserver.netty.SMTPServerFactory;
import org.apache.james.utils.GuiceProbe;

/**
 * The ports the servers of james-conf/ got (port 0 there means "any free port"), in the order the XML files
 * declare the enabled servers.
 */
public class ServerPortsProbe implements GuiceProbe {
    private final SMTPServerFactory smtp;
    private final IMAPServerFactory imap;
    private final POP3ServerFactory pop3;

    @Inject
    public ServerPortsProbe(SMTPServerFactory smtp, IMAPServerFactory imap, POP3ServerFactory pop3) {
        this.smtp = smtp;
        this.imap = imap;
        this.pop3 = pop3;
    }

    /** inbound, submission, smtps */
    public List<Integer> smtpPorts() {
        return ports(smtp);
    }

    /** imap, imaps */
    public List<Integer> imapPorts() {
        return ports(imap);
    }

    /** pop3, pop3s */
    public List<Integer> pop3Ports() {
        return ports(pop3);
    }

    private static List<Integer> ports(AbstractServerFactory factory) {
        return factory.getServers().stream()
            .filter(AbstractConfigurableAsyncServer::isEnabled)
            .map(server -> server.getListenAddresses().stream().findFirst().orElseThrow())
            .map(InetSocketAddress::getPort)
            .collect(Collectors.toList());
    }
}
