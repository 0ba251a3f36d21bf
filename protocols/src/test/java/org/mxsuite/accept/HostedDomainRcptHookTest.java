package org.mxsuite.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.address;
import static org.mxsuite.testing.Addresses.sender;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.testing.FakeSmtpSession;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.MemoryHostedDomainStore;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.MemoryHoldQueue;
import org.mxsuite.hold.QueueUsageCache;
import org.mxsuite.testing.MutableClock;

class HostedDomainRcptHookTest {
    private static final DomainName HOSTED = DomainName.of("hosted.example");
    private static final MaybeSender SENDER = sender("alice@sender.example");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final HostedDomainStore domains = new MemoryHostedDomainStore();
    private final HoldQueue queue = new MemoryHoldQueue(clock);
    private final HostedDomainRcptHook hook = new HostedDomainRcptHook(domains, new QueueUsageCache(queue, clock));

    private void host(HoldPolicy policy) {
        domains.put(HostedDomain.holding(HOSTED, ServiceKind.BACKUP, policy));
    }

    private HookResult rcpt(FakeSmtpSession session, String recipient) {
        return hook.doRcpt(session, SENDER, address(recipient), Map.of());
    }

    @Test
    void anyoneMaySendToABackupDomain() {
        host(HoldPolicy.DEFAULT);

        HookResult result = rcpt(FakeSmtpSession.from("192.0.2.7"), "anyone@hosted.example");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.ok());
        assertThat(result.getSmtpRetCode()).isEqualTo("250");
    }

    @Test
    void otherDomainsAreLeftToJames() {
        domains.put(HostedDomain.of(DomainName.of("mailbox.example"), ServiceKind.MAILBOX));

        assertThat(rcpt(FakeSmtpSession.from("192.0.2.7"), "a@mailbox.example")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(FakeSmtpSession.from("192.0.2.7"), "a@elsewhere.example")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void onlyTheListedRecipientsAreAccepted() {
        host(HoldPolicy.builder().recipients(Set.of("bob")).build());

        assertThat(rcpt(FakeSmtpSession.from("192.0.2.7"), "Bob@hosted.example").getSmtpRetCode()).isEqualTo("250");
        HookResult unknown = rcpt(FakeSmtpSession.from("192.0.2.7"), "carol@hosted.example");
        assertThat(unknown.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(unknown.getSmtpDescription()).startsWith("5.1.1");
    }

    @Test
    void sourceRoutesAreRefused() {
        host(HoldPolicy.DEFAULT);

        assertThat(rcpt(FakeSmtpSession.from("192.0.2.7"), "bob%elsewhere.example@hosted.example").getSmtpDescription()).startsWith("5.7.1");
    }

    @Test
    void aFullQueueDefersNewRecipients() throws Exception {
        host(HoldPolicy.builder().quotaMessages(1).build());
        queue.hold(HOSTED, SENDER, List.of(address("bob@hosted.example")), new ByteArrayInputStream("Subject: x\r\n\r\n".getBytes()));

        HookResult result = rcpt(FakeSmtpSession.from("192.0.2.7"), "bob@hosted.example");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpDescription()).startsWith("4.2.2");
    }

    @Test
    void aMessageAnnouncedTooLargeForWhatIsLeftIsDeferred() {
        host(HoldPolicy.builder().quotaBytes(1000).build());

        assertThat(rcpt(FakeSmtpSession.from("192.0.2.7").declaringSize(999), "bob@hosted.example").getSmtpRetCode()).isEqualTo("250");
        HookResult result = rcpt(FakeSmtpSession.from("192.0.2.7").declaringSize(1001), "bob@hosted.example");
        assertThat(result.getSmtpRetCode()).isEqualTo("452");
        assertThat(result.getSmtpDescription()).startsWith("4.3.1");
    }
}
