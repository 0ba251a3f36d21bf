package org.mxsuite.accept.check;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ExtensibleHandler;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.util.MDCBuilder;
import org.mxsuite.accept.common.EmptyResponse;
import org.mxsuite.background.BackgroundThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps DNS waits off the event loops. James 3.8.1 runs SMTP hooks on the connection's Netty event loop, which serves
 * many other connections, and its hooks cannot answer later: a hook that waited for a name server that never answers
 * stalled every connection of that loop, once per command. Listed first in the handler chain, this is the line handler
 * James gives every command line to. Before a MAIL or RCPT, it asks the hooks which DNS lookups they will wait for
 * ({@link DnsLookupsAhead}) and starts them; when they are not answered yet, the line is held back, the connection stops
 * reading, and the event loop goes on with the other connections. Once the answers are in (or timed out, within the
 * lookups' time limit), the command runs on a thread of its own, its hooks find the answers ready, its reply is written,
 * and reading resumes. Lines that came in behind it in the meantime (pipelining) run after it, in order.
 *
 * <p>Pipelining rules (RFC 2920) still hold: nothing may follow DATA or AUTH before their 354 or 334. A client that sent
 * more behind them while its command waited is disconnected (421 4.5.0). STARTTLS never comes in behind a held command:
 * James's line framer refuses it in a packet with other commands (command injection), and a STARTTLS sent later is
 * read only once reading resumes, on the event loop as always.
 */
public class DnsWaitLineHandler implements LineHandler<SMTPSession>, ExtensibleHandler {
    private static final Logger LOGGER = LoggerFactory.getLogger(DnsWaitLineHandler.class);
    private static final ProtocolSession.AttachmentKey<Waiting> WAITING =
        ProtocolSession.AttachmentKey.of("mxsuite.dnswait", Waiting.class);
    // how many run at once is bounded by the connections, each with at most one command held back
    private static final ExecutorService RESUMING = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), BackgroundThreads.daemons("mxsuite-smtp-after-dns"));

    private LineHandler<SMTPSession> commands;
    private List<DnsLookupsAhead> hooks = List.of();

    /** A connection's command held back, and the lines that came in behind it. */
    private static final class Waiting {
        boolean busy;
        final Deque<byte[]> behind = new ArrayDeque<>();
    }

    @Override
    public List<Class<?>> getMarkerInterfaces() {
        return List.of(LineHandler.class, DnsLookupsAhead.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void wireExtensions(Class<?> interfaceName, List<?> extensions) {
        if (interfaceName.equals(LineHandler.class)) {
            // James's command dispatcher, the line handler of its core handlers, after this one
            commands = (LineHandler<SMTPSession>) extensions.stream().filter(handler -> handler != this).findFirst()
                .orElseThrow(() -> new IllegalStateException("no SMTP command dispatcher in the handler chain"));
        } else if (interfaceName.equals(DnsLookupsAhead.class)) {
            hooks = new ArrayList<>((List<DnsLookupsAhead>) extensions);
        }
    }

    @Override
    public Response onLine(SMTPSession session, byte[] line) {
        Waiting waiting = session.getAttachment(WAITING, ProtocolSession.State.Connection).orElseGet(() -> {
            Waiting created = new Waiting();
            session.setAttachment(WAITING, created, ProtocolSession.State.Connection);
            return created;
        });
        synchronized (waiting) {
            if (waiting.busy) {
                waiting.behind.add(line);
                return EmptyResponse.INSTANCE;
            }
            CompletableFuture<?> lookups = lookupsFor(session, line);
            if (!lookups.isDone()) {
                waiting.busy = true;
                setReadable(session, false);
                runWhenAnswered(session, waiting, line, lookups);
                return EmptyResponse.INSTANCE;
            }
        }
        return commands.onLine(session, line);
    }

    private void runWhenAnswered(SMTPSession session, Waiting waiting, byte[] line, CompletableFuture<?> lookups) {
        lookups.whenComplete((answered, failed) -> RESUMING.execute(() -> resume(session, waiting, line)));
    }

    /** Runs the held-back command, then those behind it, until none is left or one has to wait again. */
    private void resume(SMTPSession session, Waiting waiting, byte[] held) {
        try (Closeable mdc = mdc(session)) {
            byte[] line = held;
            while (line != null) {
                Response response = run(session, line);
                write(session, response);
                synchronized (waiting) {
                    line = nextToRun(session, waiting, response);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.error("SMTP command after its DNS lookups failed; closing the connection", e);
            write(session, closing("421", "4.3.0 Local error in processing; closing"));
        }
    }

    /**
     * The next line behind, if it can run now; null when there is none (reading resumes), when it waits for its own
     * lookups (it runs once they are answered), or when the connection closes.
     */
    private byte[] nextToRun(SMTPSession session, Waiting waiting, Response last) {
        if (last != null && last.isEndSession()) {
            waiting.behind.clear(); // the connection closes: what came behind is never answered
            return null;
        }
        byte[] line = waiting.behind.poll();
        if (line == null) {
            waiting.busy = false;
            setReadable(session, true);
            return null;
        }
        if (last != null && (last.getRetCode().equals("354") || last.getRetCode().equals("334"))) {
            // what follows belongs to the DATA or AUTH exchange, whose line handler James has put in front of this one
            waiting.behind.clear();
            write(session, closing("421", "4.5.0 Improper pipelining: commands or content sent before the reply to DATA or AUTH; closing"));
            return null;
        }
        CompletableFuture<?> lookups = lookupsFor(session, line);
        if (!lookups.isDone()) {
            runWhenAnswered(session, waiting, line, lookups);
            return null;
        }
        return line;
    }

    private Response run(SMTPSession session, byte[] line) {
        try {
            return commands.onLine(session, line);
        } catch (RuntimeException e) {
            LOGGER.error("SMTP command failed after its DNS lookups", e);
            return session.newFatalErrorResponse();
        }
    }

    private static Response closing(String code, String text) {
        SMTPResponse response = new SMTPResponse(code, text);
        response.setEndSession(true);
        return response;
    }

    /** The lookups the hooks will wait for in this MAIL or RCPT; done at once for any other line. */
    private CompletableFuture<?> lookupsFor(SMTPSession session, byte[] line) {
        if (hooks.isEmpty()) {
            return DnsLookupsAhead.NOTHING;
        }
        String text = new String(line, StandardCharsets.US_ASCII).trim();
        int space = text.indexOf(' ');
        String command = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1);
        List<CompletableFuture<?>> lookups = new ArrayList<>();
        if (command.equals("MAIL")) {
            Optional<MaybeSender> sender = EnvelopeArgument.sender(argument);
            sender.ifPresent(from -> hooks.forEach(hook -> lookups.add(ahead(() -> hook.beforeMail(session, from)))));
        } else if (command.equals("RCPT")) {
            Optional<MaybeSender> sender = session.getAttachment(SMTPSession.SENDER, ProtocolSession.State.Transaction);
            Optional<MailAddress> recipient = EnvelopeArgument.recipient(argument);
            if (sender.isPresent() && recipient.isPresent()) {
                hooks.forEach(hook -> lookups.add(ahead(() -> hook.beforeRcpt(session, sender.get(), recipient.get()))));
            }
        }
        return CompletableFuture.allOf(lookups.toArray(new CompletableFuture<?>[0]))
            // never held back for ever, whatever a lookup does (they are all due within their own time limit)
            .completeOnTimeout(null, SessionLookups.MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A hook that cannot say (its store failed, say) is left to find out in its command, as without this handler. */
    private static CompletableFuture<?> ahead(Supplier<CompletableFuture<?>> lookups) {
        try {
            return lookups.get();
        } catch (RuntimeException e) {
            LOGGER.warn("cannot start the DNS lookups of a command ahead of it", e);
            return DnsLookupsAhead.NOTHING;
        }
    }

    private static void write(SMTPSession session, Response response) {
        if (response != null && session instanceof ProtocolSessionImpl) {
            ((ProtocolSessionImpl) session).getProtocolTransport().writeResponse(response, session);
        }
    }

    private static void setReadable(SMTPSession session, boolean readable) {
        if (session instanceof ProtocolSessionImpl) {
            ((ProtocolSessionImpl) session).getProtocolTransport().setReadable(readable);
        }
    }

    /** The connection's logging context (client address, session id), as James sets it on the event loop. */
    private static Closeable mdc(SMTPSession session) {
        return session.getAttachment(BasicChannelInboundHandler.MDC_ATTRIBUTE_KEY, ProtocolSession.State.Connection)
            .map(MDCBuilder::build).orElse(() -> { });
    }
}
