package org.mxsuite.accept.testing;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.utils.BaseFakeSMTPSession;

/**
 * An SMTP session without a connection, for calling hooks directly: a client address, whether it logged in or is
 * trusted, and attachments kept per state as James keeps them (a new transaction forgets the transaction's).
 */
public final class FakeSmtpSession extends BaseFakeSMTPSession {
    /** The key under which James's SIZE extension keeps the size of MAIL FROM, read by the suite's hooks. */
    private static final ProtocolSession.AttachmentKey<Integer> DECLARED_SIZE = ProtocolSession.AttachmentKey.of("MESG_SIZE", Integer.class);

    private final InetSocketAddress remote;
    private final Map<ProtocolSession.State, Map<ProtocolSession.AttachmentKey<?>, Object>> attachments =
        new EnumMap<>(ProtocolSession.State.class);
    private Username username;
    private boolean relayingAllowed;
    private long currentMessageSize;

    private FakeSmtpSession(String clientAddress) {
        this.remote = new InetSocketAddress(clientAddress, 40000);
        for (ProtocolSession.State state : ProtocolSession.State.values()) {
            attachments.put(state, new HashMap<>());
        }
    }

    /** A client that neither logged in nor is trusted, from this address (a literal, never looked up). */
    public static FakeSmtpSession from(String clientAddress) {
        return new FakeSmtpSession(clientAddress);
    }

    public FakeSmtpSession loggedInAs(String name) {
        this.username = Username.of(name);
        return this;
    }

    public FakeSmtpSession trusted() {
        this.relayingAllowed = true;
        return this;
    }

    /** The size the client announced with MAIL FROM SIZE=. */
    public FakeSmtpSession declaringSize(int bytes) {
        setAttachment(DECLARED_SIZE, bytes, ProtocolSession.State.Transaction);
        return this;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return remote;
    }

    @Override
    public Username getUsername() {
        return username;
    }

    @Override
    public void setUsername(Username username) {
        this.username = username;
    }

    @Override
    public boolean isRelayingAllowed() {
        return relayingAllowed;
    }

    @Override
    public void setRelayingAllowed(boolean relayingAllowed) {
        this.relayingAllowed = relayingAllowed;
    }

    @Override
    public String getSessionID() {
        return "fake";
    }

    @Override
    public long currentMessageSize() {
        return currentMessageSize;
    }

    @Override
    public void setCurrentMessageSize(long size) {
        this.currentMessageSize = size;
    }

    @Override
    public void resetState() {
        attachments.get(ProtocolSession.State.Transaction).clear();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> setAttachment(ProtocolSession.AttachmentKey<T> key, T value, ProtocolSession.State state) {
        return Optional.ofNullable((T) attachments.get(state).put(key, value));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> removeAttachment(ProtocolSession.AttachmentKey<T> key, ProtocolSession.State state) {
        return Optional.ofNullable((T) attachments.get(state).remove(key));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> getAttachment(ProtocolSession.AttachmentKey<T> key, ProtocolSession.State state) {
        return Optional.ofNullable((T) attachments.get(state).get(key));
    }
}
