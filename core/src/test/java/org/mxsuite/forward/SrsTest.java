package org.mxsuite.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;
import org.mxsuite.testing.MutableClock;

class SrsTest {
    private static final String SECRET = "a-secret-of-some-length";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final Srs srs = new Srs("srs.mxsuite.test", List.of(SECRET), Duration.ofDays(21), clock);
    /** Another forwarder before us, with its own secret. */
    private final Srs hop = new Srs("hop.example", List.of("the-other-forwarder-secret"), Duration.ofDays(21), clock);

    @Test
    void aFirstHopIsSrs0AndReversesToTheSender() throws Exception {
        MailAddress rewritten = srs.forward(new MailAddress("Alice@Orig.example"));

        assertThat(rewritten.asString()).matches("SRS0=[A-Z2-7]{6}=[A-Z2-7]{2}=orig\\.example=Alice@srs\\.mxsuite\\.test");
        assertThat(srs.reverse(rewritten).address()).contains(new MailAddress("Alice@orig.example"));
        assertThat(srs.reverse(new MailAddress(rewritten.asString().toLowerCase())).address())
            .as("MTAs may change the case").contains(new MailAddress("alice@orig.example"));
    }

    @Test
    void aSenderRewrittenByAnotherForwarderBecomesSrs1AndReversesToThatForwarder() throws Exception {
        MailAddress fromHop = hop.forward(new MailAddress("alice@orig.example"));

        MailAddress rewritten = srs.forward(fromHop);

        assertThat(rewritten.getLocalPart()).startsWith("SRS1=").endsWith("=hop.example==" + fromHop.getLocalPart().substring(5));
        assertThat(srs.reverse(rewritten).address()).contains(fromHop);
        MailAddress again = srs.forward(new MailAddress(rewritten.getLocalPart() + "@third.example"));
        assertThat(srs.reverse(again).address()).as("the first hop is kept").contains(fromHop);
    }

    @Test
    void tamperedForgedAndExpiredAddressesAreRefused() throws Exception {
        MailAddress rewritten = srs.forward(new MailAddress("alice@orig.example"));
        String local = rewritten.getLocalPart();

        assertThat(srs.reverse(new MailAddress(local.replace("=alice", "=mallory") + "@srs.mxsuite.test")).refusal())
            .contains("does not verify");
        assertThat(srs.reverse(new MailAddress("SRS0=AAAAAA=AA=orig.example=alice@srs.mxsuite.test")).address()).isEmpty();
        assertThat(srs.reverse(new MailAddress("SRS0=broken@srs.mxsuite.test")).refusal()).contains("malformed");
        assertThat(new Srs("srs.mxsuite.test", List.of("another-secret-entirely"), Duration.ofDays(21), clock)
            .reverse(rewritten).address()).as("signed with another secret").isEmpty();

        clock.advance(Duration.ofDays(22));
        assertThat(srs.reverse(rewritten).refusal()).contains("expired");
    }

    @Test
    void anSrs1AddressAgesWithTheDayOfTheSrs0PartItCarries() throws Exception {
        MailAddress fromHop = hop.forward(new MailAddress("alice@orig.example"));
        MailAddress rewritten = srs.forward(fromHop);
        clock.advance(Duration.ofDays(21));
        assertThat(srs.reverse(rewritten).address()).contains(fromHop);

        clock.advance(Duration.ofDays(1));
        assertThat(srs.reverse(rewritten).refusal()).contains("expired");
        assertThat(srs.reverse(srs.forward(fromHop)).refusal()).as("signed again today, still the first hop's day").contains("expired");
    }

    @Test
    void anSrs0SenderWithoutADayIsWrappedAsSrs0SoThatItsBouncesAge() throws Exception {
        MailAddress odd = new MailAddress("SRS0=whatever@hop.example");

        MailAddress rewritten = srs.forward(odd);

        assertThat(rewritten.getLocalPart()).startsWith("SRS0=").endsWith("=hop.example=SRS0=whatever");
        assertThat(srs.reverse(rewritten).address()).contains(odd);
        clock.advance(Duration.ofDays(22));
        assertThat(srs.reverse(rewritten).refusal()).contains("expired");
    }

    @Test
    void aRotatedSecretStillVerifies() throws Exception {
        MailAddress rewritten = srs.forward(new MailAddress("alice@orig.example"));
        Srs rotated = new Srs("srs.mxsuite.test", List.of("the-new-secret-now-signs", SECRET), Duration.ofDays(21), clock);

        assertThat(rotated.reverse(rewritten).address()).contains(new MailAddress("alice@orig.example"));
        assertThat(rotated.forward(new MailAddress("alice@orig.example"))).isNotEqualTo(rewritten);
    }

    @Test
    void aBareHostNameServesAsSrsDomain() throws Exception {
        Srs local = new Srs("localhost", List.of(SECRET), Duration.ofDays(21), clock);
        MailAddress rewritten = local.forward(new MailAddress("alice@orig.example"));
        assertThat(rewritten.getDomain().asString()).isEqualTo("localhost");
        assertThat(local.reverse(rewritten).address()).contains(new MailAddress("alice@orig.example"));
    }

    @Test
    void ourOwnSrsAddressesAreLeftAlone() throws Exception {
        MailAddress rewritten = srs.forward(new MailAddress("alice@orig.example"));
        assertThat(srs.forward(rewritten)).isEqualTo(rewritten);
        assertThat(Srs.isSrs(new MailAddress("srs0=x@y.example"))).isTrue();
        assertThat(Srs.isSrs(new MailAddress("srs0able@y.example"))).isFalse();
    }
}
