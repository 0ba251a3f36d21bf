package org.mxsuite.scan;

import java.util.List;
import java.util.Optional;

/** What rspamd is told besides the message: the SMTP envelope and the client, as its HTTP request headers carry them. */
public final class SpamEnvelope {
    private final String sender;
    private final List<String> recipients;
    private final String clientAddress;
    private final Optional<String> helo;
    private final Optional<String> clientHostname;
    private final Optional<String> user;
    private final String queueId;

    /**
     * @param sender the envelope sender, empty for the null sender
     * @param clientHostname the client's forward-confirmed name, when known
     * @param user the authenticated user, if any
     */
    public SpamEnvelope(String sender, List<String> recipients, String clientAddress, Optional<String> helo,
                        Optional<String> clientHostname, Optional<String> user, String queueId) {
        this.sender = sender;
        this.recipients = List.copyOf(recipients);
        this.clientAddress = clientAddress;
        this.helo = helo;
        this.clientHostname = clientHostname;
        this.user = user;
        this.queueId = queueId;
    }

    public String sender() {
        return sender;
    }

    public List<String> recipients() {
        return recipients;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public Optional<String> helo() {
        return helo;
    }

    public Optional<String> clientHostname() {
        return clientHostname;
    }

    public Optional<String> user() {
        return user;
    }

    public String queueId() {
        return queueId;
    }
}
