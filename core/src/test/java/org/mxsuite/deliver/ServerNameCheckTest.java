package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.junit.jupiter.api.Test;

class ServerNameCheckTest {
    private static final List<String> EVERY_INTERFACE = List.of("0.0.0.0:25", "0.0.0.0:587");

    @Test
    void fullyQualifiedNamesPass() {
        assertThat(ServerNameCheck.problem("mx.example.net")).isEmpty();
        assertThat(ServerNameCheck.problem("MX1.Example.NET.")).isEmpty();
        assertThat(ServerNameCheck.problem("mail.xn--bcher-kva.example")).isEmpty();
    }

    @Test
    void aContainerIdOrAnyBareHostNameIsRefused() {
        assertThat(ServerNameCheck.problem("3f2a9c1b7d4e")).contains("a bare host name");
        assertThat(ServerNameCheck.problem("mailhost")).contains("a bare host name");
        assertThat(ServerNameCheck.problem("")).contains("no name");
        assertThat(ServerNameCheck.problem(null)).contains("no name");
    }

    @Test
    void namesOfThisMachineAloneAndAddressesAreRefused() {
        assertThat(ServerNameCheck.problem("localhost")).isPresent();
        assertThat(ServerNameCheck.problem("localhost.localdomain")).isPresent();
        assertThat(ServerNameCheck.problem("box.local")).isPresent();
        assertThat(ServerNameCheck.problem("192.0.2.7")).isPresent();
        assertThat(ServerNameCheck.problem("[192.0.2.7]")).isPresent();
        assertThat(ServerNameCheck.problem("2001:db8::1")).isPresent();
        assertThat(ServerNameCheck.problem("mx_1.example.net")).isPresent();
    }

    @Test
    void outsideLoopbackTheServerRefusesToStartSayingWhatToDo() {
        assertThatThrownBy(() -> ServerNameCheck.require("3f2a9c1b7d4e", false, Optional.empty(), EVERY_INTERFACE))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("refuses to start")
            .hasMessageContaining("'3f2a9c1b7d4e' (this host's name)")
            .hasMessageContaining("SRS")
            .hasMessageContaining("hostname:")
            .hasMessageContaining("delivery.heloName");
        assertThatThrownBy(() -> ServerNameCheck.require("mailhost", true, Optional.empty(), List.of("192.0.2.7:25")))
            .hasMessageContaining("(delivery.heloName)");
    }

    @Test
    void anAdministratorsFullyQualifiedChoicePasses() {
        assertThatCode(() -> ServerNameCheck.require("mx.example.net", true, Optional.empty(), EVERY_INTERFACE)).doesNotThrowAnyException();
        assertThatCode(() -> ServerNameCheck.require("mx.example.net", true, Optional.of("srs.example.net"), EVERY_INTERFACE))
            .doesNotThrowAnyException();
    }

    @Test
    void anSrsDomainThatIsNotFullyQualifiedIsRefused() {
        assertThatThrownBy(() -> ServerNameCheck.require("mx.example.net", true, Optional.of("localhost"), EVERY_INTERFACE))
            .hasMessageContaining("forward.srsDomain is 'localhost'");
    }

    @Test
    void onLoopbackOnlyAnyNameIsAccepted() {
        assertThatCode(() -> ServerNameCheck.require("localhost", false, Optional.empty(), List.of("127.0.0.1:2525", "127.0.0.1:2587")))
            .doesNotThrowAnyException();
        assertThatCode(() -> ServerNameCheck.require("workstation", false, Optional.empty(), List.of("[::1]:2525", "localhost:2587")))
            .doesNotThrowAnyException();
    }

    @Test
    void oneListenerOutsideLoopbackIsEnough() {
        assertThat(ServerNameCheck.loopbackOnly(List.of("127.0.0.1:25", "0.0.0.0:587"))).isFalse();
        assertThat(ServerNameCheck.loopbackOnly(List.of("127.0.0.1.example.net:25"))).isFalse();
        assertThat(ServerNameCheck.loopbackOnly(List.of())).isFalse();
    }

    @Test
    void aGreetingNameThatIsNotFullyQualifiedIsWarnedOfOutsideLoopback() {
        assertThat(ServerNameCheck.greetingWarnings(Set.of("3f2a9c1b7d4e"), EVERY_INTERFACE)).singleElement().asString()
            .contains("'3f2a9c1b7d4e'").contains("hostname:");
        assertThat(ServerNameCheck.greetingWarnings(Set.of("mx.example.net"), EVERY_INTERFACE)).isEmpty();
        assertThat(ServerNameCheck.greetingWarnings(Set.of("workstation"), List.of("127.0.0.1:2525"))).isEmpty();
    }

    @Test
    void theBindsAreThoseOfTheEnabledSmtpServers() throws Exception {
        BaseHierarchicalConfiguration smtpservers = new BaseHierarchicalConfiguration();
        smtpservers.addProperty("smtpserver(-1).bind", "127.0.0.1:25");
        smtpservers.addProperty("smtpserver(-1).bind", "0.0.0.0:2525");
        smtpservers.addProperty("smtpserver(1)[@enabled]", false);
        ConfigurationProvider provider = (name, level) -> smtpservers;

        assertThat(ServerNameCheck.smtpBinds(provider)).containsExactly("127.0.0.1:25");
    }
}
