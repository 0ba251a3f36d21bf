package org.mxsuite.verify;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.james.core.MailAddress;
import org.mxsuite.background.BackgroundThreads;
import org.mxsuite.deliver.NoDestinationException;
import org.mxsuite.deliver.smtp.SmtpException;
import org.mxsuite.deliver.smtp.SmtpReply;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.state.StateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recipient verification (Postfix's {@code reject_unverified_recipient}): whether a backup or relay domain's own server
 * would take an address, asked of it ({@link Callout}) and remembered in the shared store, accepted addresses for
 * {@code verify.acceptedFor}, refused ones for {@code verify.refusedFor}. Only the server's own answer to RCPT is
 * remembered: no answer, a 4xx or a server that is down leave the address unknown, and it is accepted. The caller gets
 * a verdict within {@code verify.timeout}; the question goes on in the background and its answer is remembered for the
 * next RCPT. Questions about one address are asked once at a time on this node, whoever waits for them. A paused domain's
 * server is never asked (it is down on purpose), nor one the delivery engine knows to be down (its probes see it come
 * back within seconds): a server that drops connections would otherwise hold every new address's RCPT for the whole
 * connect time limit while the backup MX does its job. What was remembered still counts.
 */
public final class RecipientVerifier {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecipientVerifier.class);
    /** The widest canonical address the store takes (64 + 1 + 253, rounded up). */
    private static final int MAX_ADDRESS = 320;

    /** Asks a domain's server about one recipient; the RCPT reply, or an exception when it never got that far. */
    @FunctionalInterface
    public interface Callout {
        SmtpReply ask(HostedDomain domain, MailAddress recipient) throws SmtpException, NoDestinationException;
    }

    private final VerifiedRecipientStore store;
    private final Callout callout;
    private final Predicate<DomainName> knownDown;
    private final VerifySettings settings;
    private final Clock clock;
    private final ThreadPoolExecutor questions;
    private final Map<String, CompletableFuture<RecipientVerdict>> inFlight = new ConcurrentHashMap<>();

    /** {@code knownDown}: whether a domain's destination is known not to answer now (the delivery engine's view). */
    public RecipientVerifier(VerifiedRecipientStore store, Callout callout, Predicate<DomainName> knownDown, VerifySettings settings,
                             Clock clock) {
        this.store = store;
        this.callout = callout;
        this.knownDown = knownDown;
        this.settings = settings;
        this.clock = clock;
        // no queue: past maxConcurrent questions, an address is unknown at once rather than late
        this.questions = new ThreadPoolExecutor(0, settings.maxConcurrent(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
            BackgroundThreads.daemons("mxsuite-verify"));
    }

    /**
     * The verdict on {@code recipient} of {@code domain} (a backup or relay domain), completed within
     * {@code verify.timeout}: at once when an answer is remembered, else when the server answers, else unknown.
     */
    public CompletableFuture<RecipientVerdict> verify(HostedDomain domain, MailAddress recipient) {
        String address = VerifiedRecipient.canonical(recipient);
        if (address.length() > MAX_ADDRESS) {
            return CompletableFuture.completedFuture(RecipientVerdict.unknown("address too long to verify"));
        }
        Optional<VerifiedRecipient> known;
        try {
            known = store.get(domain.name(), address, clock.instant());
        } catch (StateStoreException e) {
            LOGGER.warn("recipient verification of <{}> skipped: the state store failed", address, e);
            return CompletableFuture.completedFuture(RecipientVerdict.unknown("the state store failed"));
        }
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(RecipientVerdict.of(known.get(), true));
        }
        if (domain.holdPolicy().map(HoldPolicy::paused).orElse(false)) {
            return CompletableFuture.completedFuture(RecipientVerdict.unknown(domain.name() + " is paused: its server is not asked"));
        }
        if (knownDown.test(domain.name())) {
            return CompletableFuture.completedFuture(RecipientVerdict.unknown("the server of " + domain.name() + " is down"));
        }
        return asking(domain, recipient, address).copy().completeOnTimeout(
            RecipientVerdict.unknown("no answer within " + Durations.format(settings.timeout())),
            settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The question about {@code address} in flight, asked now if none is. */
    private CompletableFuture<RecipientVerdict> asking(HostedDomain domain, MailAddress recipient, String address) {
        String key = domain.name().asString() + " " + address;
        CompletableFuture<RecipientVerdict> started = new CompletableFuture<>();
        CompletableFuture<RecipientVerdict> running = inFlight.putIfAbsent(key, started);
        if (running != null) {
            return running;
        }
        try {
            questions.execute(() -> {
                RecipientVerdict verdict;
                try {
                    verdict = ask(domain, recipient, address);
                } catch (RuntimeException e) {
                    LOGGER.error("recipient verification of <{}> failed", address, e);
                    verdict = RecipientVerdict.unknown("verification failed: " + e);
                }
                // before completing: whoever is woken and asks again finds the answer in the store, never this
                // question's future once the answer it gave has expired
                inFlight.remove(key, started);
                started.complete(verdict);
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(key, started);
            started.complete(RecipientVerdict.unknown("too many verifications in progress (verify.maxConcurrent)"));
        }
        return started;
    }

    private RecipientVerdict ask(HostedDomain domain, MailAddress recipient, String address) {
        SmtpReply reply;
        try {
            reply = callout.ask(domain, recipient);
        } catch (SmtpException | NoDestinationException e) {
            LOGGER.debug("recipient verification of <{}>: no answer ({})", address, e.getMessage());
            return RecipientVerdict.unknown(e.getMessage());
        }
        boolean accepted = reply.code() / 100 == 2;
        if (!accepted && !reply.isPermanent()) {
            return RecipientVerdict.unknown("the server answered " + reply);
        }
        Instant now = clock.instant();
        VerifiedRecipient answer = new VerifiedRecipient(domain.name(), address, accepted, reply.toString(), now,
            now.plus(accepted ? settings.acceptedFor() : settings.refusedFor()));
        try {
            store.put(answer);
        } catch (StateStoreException e) {
            LOGGER.warn("the answer for <{}> could not be remembered", address, e);
        }
        return RecipientVerdict.of(answer, false);
    }
}
