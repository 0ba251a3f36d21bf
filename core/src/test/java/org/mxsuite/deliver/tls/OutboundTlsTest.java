package org.mxsuite.deliver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.Destination;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.domain.TlsPolicy;

/** Who decides a connection's TLS: the MX sources in order for MX hosts, else the domain's tls setting. */
class OutboundTlsTest {
    private final List<String> asked = new ArrayList<>();

    private MxTlsSource source(String name, Optional<TlsRequirement> answer) {
        return (domain, mxHost) -> {
            asked.add(name + " " + domain + " " + mxHost);
            return answer;
        };
    }

    private static HostedDomain domain(HoldPolicy policy) {
        return HostedDomain.holding(DomainName.of("customer.example"), ServiceKind.BACKUP, policy);
    }

    @Test
    void theFirstMxSourceThatAnswersDecidesDaneBeforeMtaSts() throws Exception {
        TlsRequirement dane = TlsRequirement.encrypted("DANE TLSA _25._tcp.mx.customer.example");
        OutboundTls tls = new OutboundTls(TrustAnchors.jvmDefault(Optional.empty()), List.of(
            source("dane", Optional.of(dane)), source("mta-sts", Optional.of(TlsRequirement.refused("MTA-STS", "not listed")))));

        assertThat(tls.requirementFor(domain(HoldPolicy.DEFAULT), "MX.Customer.Example.", true)).isSameAs(dane);
        assertThat(asked).containsExactly("dane customer.example mx.customer.example");
    }

    @Test
    void whenNoSourceAnswersTheDomainsSettingDecides() throws Exception {
        OutboundTls tls = new OutboundTls(TrustAnchors.jvmDefault(Optional.empty()), List.of(
            source("dane", Optional.empty()), source("mta-sts", Optional.empty())));

        TlsRequirement requirement = tls.requirementFor(domain(HoldPolicy.builder().tls(TlsPolicy.REQUIRED).build()), "mx.customer.example", true);

        assertThat(requirement.level()).isEqualTo(TlsRequirement.Level.ENCRYPTED);
        assertThat(requirement.source()).isEqualTo("tls setting required");
        assertThat(asked).hasSize(2);
    }

    @Test
    void aConfiguredDestinationIsNeverAskedOfDaneOrMtaSts() throws Exception {
        OutboundTls tls = new OutboundTls(TrustAnchors.jvmDefault(Optional.empty()), List.of(
            source("dane", Optional.of(TlsRequirement.off("never")))));
        HoldPolicy verify = HoldPolicy.builder().destination(Destination.parse("mail.customer.example:2525")).tls(TlsPolicy.VERIFY).build();

        TlsRequirement requirement = tls.requirementFor(domain(verify), "mail.customer.example", false);

        assertThat(requirement.level()).isEqualTo(TlsRequirement.Level.AUTHENTICATED);
        assertThat(requirement.serverName()).contains("mail.customer.example");
        assertThat(requirement.check().orElseThrow().describe()).isEqualTo("certificate valid for mail.customer.example (JVM trust store)");
        assertThat(asked).isEmpty();
    }

    @Test
    void fingerprintPinsAndAnAddressGetsNoSni() throws Exception {
        HoldPolicy pinned = HoldPolicy.builder().destination(Destination.parse("[192.0.2.1]:25")).tls(TlsPolicy.FINGERPRINT)
            .tlsFingerprints(Set.of("ab".repeat(32))).build();

        TlsRequirement requirement = OutboundTls.settingOnly().requirementFor(domain(pinned), "192.0.2.1", false);

        assertThat(requirement.check().orElseThrow().describe()).isEqualTo("certificate's SHA-256 fingerprint pinned");
        assertThat(requirement.serverName()).isEmpty();
    }

    @Test
    void aSourceThatCannotLookUpHoldsTheMail() {
        OutboundTls tls = new OutboundTls(TrustAnchors.jvmDefault(Optional.empty()), List.of((domain, mxHost) -> {
            throw new TlsPolicyUnavailable("TLSA lookup failed");
        }));

        assertThatThrownBy(() -> tls.requirementFor(domain(HoldPolicy.DEFAULT), "mx.customer.example", true))
            .isInstanceOf(TlsPolicyUnavailable.class).hasMessage("TLSA lookup failed");
    }

    @Test
    void aMissingCaFileOfTheDomainHoldsTheMailWithTheReason() {
        HoldPolicy verify = HoldPolicy.builder().tls(TlsPolicy.VERIFY).tlsCaFile(Optional.of("/nonexistent/ca.pem")).build();

        assertThatThrownBy(() -> OutboundTls.settingOnly().requirementFor(domain(verify), "mx.customer.example", true))
            .isInstanceOf(TlsPolicyUnavailable.class).hasMessageContaining("tlsCaFile cannot be used").hasMessageContaining("/nonexistent/ca.pem");
    }
}
