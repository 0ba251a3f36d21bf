package org.mxsuite.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The traffic limits of a hosted domain in its JSON form: on every service, none by default, strict about values. */
class TrafficLimitsJsonTest {
    private static final DomainName EXAMPLE = DomainName.of("example.com");

    @Test
    void noLimitsUnlessGiven() {
        HostedDomain domain = HostedDomainJson.parse(EXAMPLE, "{\"service\":\"backup\"}");

        assertThat(domain.limits()).isEqualTo(TrafficLimits.NONE);
        assertThat(HostedDomainJson.toJson(domain).has("messagesPerDay")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"backup", "mailbox"})
    void everyLimitIsReadOnEveryServiceAndWrittenBack(String service) {
        HostedDomain domain = HostedDomainJson.parse(EXAMPLE, "{\"service\":\"" + service + "\",\"messagesPerDay\":10000,"
            + "\"bytesPerDay\":\"1000MB\",\"bytesPerMonth\":\"10GB\",\"transactionsPerDay\":100000}");

        assertThat(domain.limits().get(TrafficLimit.MESSAGES_PER_DAY)).isEqualTo(OptionalLong.of(10_000));
        assertThat(domain.limits().get(TrafficLimit.BYTES_PER_DAY)).isEqualTo(OptionalLong.of(1_000_000_000L));
        assertThat(domain.limits().get(TrafficLimit.BYTES_PER_MONTH)).isEqualTo(OptionalLong.of(10_000_000_000L));
        assertThat(domain.limits().get(TrafficLimit.TRANSACTIONS_PER_DAY)).isEqualTo(OptionalLong.of(100_000));
        assertThat(HostedDomainJson.parse(EXAMPLE, HostedDomainJson.toJsonString(domain))).isEqualTo(domain);
    }

    @Test
    void forwardDomainsTakeThemToo() {
        HostedDomain domain = HostedDomainJson.parse(EXAMPLE,
            "{\"service\":\"forward\",\"forwardTo\":\"someone@elsewhere.example\",\"messagesPerDay\":5}");

        assertThat(domain.limits().get(TrafficLimit.MESSAGES_PER_DAY)).isEqualTo(OptionalLong.of(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"messagesPerDay\":0", "\"messagesPerDay\":-1", "\"messagesPerDay\":100000001", "\"messagesPerDay\":1.5",
        "\"messagesPerDay\":\"ten\"", "\"bytesPerDay\":\"1KB\"", "\"bytesPerMonth\":\"999TB\"", "\"bytesPerMonth\":-5",
        "\"transactionsPerDay\":true", "\"messagesPerHour\":10"})
    void badValuesAreRefusedNamingTheField(String field) {
        String name = field.substring(1, field.indexOf('"', 1));

        assertThatThrownBy(() -> HostedDomainJson.parse(EXAMPLE, "{\"service\":\"backup\"," + field + "}"))
            .isInstanceOf(InvalidSettingException.class).hasMessageContaining(name);
    }
}
