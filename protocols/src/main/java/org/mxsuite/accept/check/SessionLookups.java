package org.mxsuite.accept.check;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * A lookup made once per connection (or per transaction) and shared by whoever needs its answer in that time: the
 * line handler that starts it ahead of the command, and the hook that reads it.
 */
public final class SessionLookups<T> {
    /**
     * The longest a hook waits for an answer that is not there yet, should its lookup not have been started ahead (the
     * lookups themselves are due within their time limit, at most 30 s).
     */
    public static final Duration MAX_WAIT = Duration.ofSeconds(31);

    @SuppressWarnings("rawtypes")
    private final ProtocolSession.AttachmentKey<CompletableFuture> key;
    private final ProtocolSession.State scope;

    private SessionLookups(String name, ProtocolSession.State scope) {
        this.key = ProtocolSession.AttachmentKey.of(name, CompletableFuture.class);
        this.scope = scope;
    }

    /** Asked once per connection. */
    public static <T> SessionLookups<T> perConnection(String name) {
        return new SessionLookups<>(name, ProtocolSession.State.Connection);
    }

    /** Asked once per transaction (MAIL FROM to the end of DATA or RSET). */
    public static <T> SessionLookups<T> perTransaction(String name) {
        return new SessionLookups<>(name, ProtocolSession.State.Transaction);
    }

    /** The session's lookup, started by {@code start} if this is the first time it is asked for. */
    @SuppressWarnings("unchecked")
    public CompletableFuture<T> of(SMTPSession session, Supplier<CompletableFuture<T>> start) {
        return (CompletableFuture<T>) session.getAttachment(key, scope).orElseGet(() -> {
            CompletableFuture<T> started = start.get();
            session.setAttachment(key, started, scope);
            return started;
        });
    }

    /** The answer, waited for at most {@link #MAX_WAIT}; {@code late} if it is not there by then. */
    public static <T> T await(CompletableFuture<T> answer, T late) {
        try {
            return answer.get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return late;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a DNS check failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return late;
        }
    }
}
