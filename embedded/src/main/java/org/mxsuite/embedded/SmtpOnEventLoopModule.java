package org.mxsuite.embedded;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.lib.handler.ProtocolHandlerLoader;
import org.apache.james.smtpserver.netty.SMTPServer;
import org.apache.james.smtpserver.netty.SMTPServerFactory;

import com.google.inject.AbstractModule;

import io.netty.util.concurrent.EventExecutorGroup;

/**
 * James's SMTP servers with every channel handler on the connection's own event loop. James 3.8.1 puts only the
 * line framer on a separate executor group, while the command handlers run on the event loop anyway: every line
 * read therefore crossed threads twice (event loop to framer, framer back to event loop), a wake-up and a park each
 * time. In the backup-MX benchmark those hand-offs were a seventh of the SMTP threads' CPU (bench/README.md).
 * Nothing else changes: same configuration, same handlers, same order.
 */
public final class SmtpOnEventLoopModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SMTPServerFactory.class).to(EventLoopSmtpServerFactory.class);
    }

    @Singleton
    static final class EventLoopSmtpServerFactory extends SMTPServerFactory {
        @Inject
        EventLoopSmtpServerFactory(DNSService dns, ProtocolHandlerLoader loader, FileSystem fileSystem, MetricFactory metricFactory) {
            super(dns, loader, fileSystem, metricFactory);
        }

        @Override
        protected SMTPServer createServer() {
            return new SMTPServer(smtpMetrics) {
                @Override
                protected EventExecutorGroup getExecutorGroup() {
                    // Netty runs a handler added without a group on the channel's event loop
                    return null;
                }
            };
        }
    }
}
