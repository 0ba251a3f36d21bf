package org.mxsuite.accept;

import org.mxsuite.accept.common.EmptyResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.domain.Cidr;
import org.mxsuite.config.SuiteProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections at once to one SMTP listener, in all ({@code <maxConnections>}) and per client ({@code
 * <maxConnectionsPerClient>}; an IPv6 client is its /64, which one host usually has whole): past either, {@code 421
 * 4.7.0} and the connection is closed, so that the sender tries again later. James's own {@code connectionLimit} and
 * {@code connectionLimitPerIP} close such a connection without a word; 0 means no limit. Without parameters (as
 * {@link SmtpHandlers} lists it), the limits are {@code smtp.maxConnections} (1000) and
 * {@code smtp.maxConnectionsPerClient} (50) of mxsuite.properties.
 */
public class SmtpConnectionLimits implements ConnectHandler<SMTPSession>, DisconnectHandler<SMTPSession> {
    private static final Logger LOGGER = LoggerFactory.getLogger(SmtpConnectionLimits.class);
    private static final ProtocolSession.AttachmentKey<Cidr> COUNTED_AS =
        ProtocolSession.AttachmentKey.of("mxsuite.connectionlimits.client", Cidr.class);

    private final AtomicInteger connections = new AtomicInteger();
    private final Map<Cidr, Integer> perClient = new ConcurrentHashMap<>();
    private final int configuredConnections;
    private final int configuredPerClient;
    private int maxConnections;
    private int maxPerClient;

    @Inject
    public SmtpConnectionLimits(PropertiesProvider properties) throws ConfigurationException {
        this(SuiteProperties.read(properties).getInt("smtp.maxConnections"),
            SuiteProperties.read(properties).getInt("smtp.maxConnectionsPerClient"));
    }

    /** The limits unless the handler's parameters give them. */
    SmtpConnectionLimits(int configuredConnections, int configuredPerClient) {
        this.configuredConnections = configuredConnections;
        this.configuredPerClient = configuredPerClient;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        maxConnections = limit(config, "maxConnections", configuredConnections);
        maxPerClient = limit(config, "maxConnectionsPerClient", configuredPerClient);
    }

    private static int limit(Configuration config, String key, int fallback) throws ConfigurationException {
        int value = config.getInt(key, fallback);
        if (value < 0) {
            throw new ConfigurationException(key + " must be 0 (no limit) or more, not " + value);
        }
        return value;
    }

    @Override
    public Response onConnect(SMTPSession session) {
        Cidr client = Cidr.around(session.getRemoteAddress().getAddress(), 32, 64);
        int all = connections.incrementAndGet();
        int fromClient = perClient.merge(client, 1, Integer::sum);
        session.setAttachment(COUNTED_AS, client, ProtocolSession.State.Connection);
        if (maxConnections > 0 && all > maxConnections) {
            LOGGER.info("refused a connection from {}: {} connections at once, the limit is {}", printable(client), all, maxConnections);
            return closing("4.7.0 Too many connections (" + maxConnections + " at most); try again later");
        }
        if (maxPerClient > 0 && fromClient > maxPerClient) {
            LOGGER.info("refused a connection from {}: {} connections at once from it, the limit is {}", printable(client), fromClient, maxPerClient);
            return closing("4.7.0 Too many connections from " + printable(client) + " (" + maxPerClient + " at most); try again later");
        }
        return EmptyResponse.INSTANCE;
    }

    @Override
    public void onDisconnect(SMTPSession session) {
        session.getAttachment(COUNTED_AS, ProtocolSession.State.Connection).ifPresent(client -> {
            connections.decrementAndGet();
            perClient.computeIfPresent(client, (network, count) -> count <= 1 ? null : count - 1);
        });
    }

    /** {@code [192.0.2.1]}, {@code 2001:db8:0:1:0:0:0:0/64}. */
    private static String printable(Cidr client) {
        String text = client.toString();
        return client.isIpv4() ? "[" + text.replace("/32", "") + "]" : text;
    }

    private static Response closing(String text) {
        SMTPResponse response = new SMTPResponse("421", text);
        response.setEndSession(true);
        return response;
    }
}
