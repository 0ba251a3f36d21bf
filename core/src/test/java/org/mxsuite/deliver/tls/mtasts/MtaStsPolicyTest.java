package org.mxsuite.deliver.tls.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class MtaStsPolicyTest {
    private static final String ENFORCE = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.backup.example.com\r\n"
        + "max_age: 604800\r\n";

    @Test
    void aPolicyFileGivesModePatternsAndMaxAge() throws Exception {
        MtaStsPolicy policy = MtaStsPolicy.parse(ENFORCE);

        assertThat(policy.mode()).isEqualTo(MtaStsMode.ENFORCE);
        assertThat(policy.mx()).containsExactly("mx1.example.com", "*.backup.example.com");
        assertThat(policy.maxAge()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void linesMayEndInLfAloneAndFieldsComeInAnyOrderWithUnknownOnesIgnored() throws Exception {
        MtaStsPolicy policy = MtaStsPolicy.parse("mx: MX.Example.COM.\nmax_age: 86400\nfuture_field: anything\nmode: testing\n"
            + "version: STSv1");

        assertThat(policy.mode()).isEqualTo(MtaStsMode.TESTING);
        assertThat(policy.mx()).as("lower case, no trailing dot").containsExactly("mx.example.com");
    }

    @Test
    void modeNoneNeedsNoMx() throws Exception {
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: none\nmax_age: 0\n").mode()).isEqualTo(MtaStsMode.NONE);
    }

    @Test
    void invalidPoliciesAreRefused() {
        assertInvalid("mode: enforce\nmx: mx.example.com\nmax_age: 1\n", "version is missing");
        assertInvalid("version: STSv2\nmode: enforce\nmx: mx.example.com\nmax_age: 1\n", "not STSv1");
        assertInvalid("version: STSv1\nmode: strict\nmx: mx.example.com\nmax_age: 1\n", "mode");
        assertInvalid("version: STSv1\nmode: enforce\nmax_age: 1\n", "no mx");
        assertInvalid("version: STSv1\nmode: enforce\nmx: mx.example.com\n", "max_age");
        assertInvalid("version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: -5\n", "max_age");
        assertInvalid("version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 31557601\n", "over 31557600");
        assertInvalid("version: STSv1\nmode: enforce\nmx: mx.*.example.com\nmax_age: 1\n", "mx 'mx.*.example.com'");
        assertInvalid("<html>not a policy</html>", "not a key: value line");
    }

    @Test
    void theLongestMaxAgeIsOneYear() throws Exception {
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 31557600\n").maxAge())
            .isEqualTo(Duration.ofSeconds(MtaStsPolicy.MAX_AGE_LIMIT));
    }

    @Test
    void anMxHostIsListedByItsNameOrAWildcardOfExactlyOneLabel() throws Exception {
        MtaStsPolicy policy = MtaStsPolicy.parse(ENFORCE);

        assertThat(policy.lists("mx1.example.com")).isTrue();
        assertThat(policy.lists("MX1.Example.com.")).as("case and trailing dot").isTrue();
        assertThat(policy.lists("a.backup.example.com")).isTrue();
        assertThat(policy.lists("mx2.example.com")).isFalse();
        assertThat(policy.lists("a.b.backup.example.com")).as("the wildcard is one label").isFalse();
        assertThat(policy.lists("backup.example.com")).as("the wildcard is not empty").isFalse();
        assertThat(policy.lists("xbackup.example.com")).isFalse();
    }

    private static void assertInvalid(String text, String reason) {
        assertThatThrownBy(() -> MtaStsPolicy.parse(text)).as(text)
            .isInstanceOf(InvalidPolicyException.class).hasMessageContaining(reason);
    }
}
