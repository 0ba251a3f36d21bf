package org.mxsuite.deliver.tls.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MtaStsRecordTest {
    @Test
    void theIdOfTheOneStsRecord() {
        assertThat(MtaStsRecord.policyId(List.of("v=STSv1; id=20260101T000000;"))).hasValue("20260101T000000");
        assertThat(MtaStsRecord.policyId(List.of("v=spf1 -all", "v=STSv1;id=abc"))).as("other TXT records").hasValue("abc");
        assertThat(MtaStsRecord.policyId(List.of("v=STSv1; ext=1; id=abc  "))).as("other fields").hasValue("abc");
    }

    @Test
    void twoStsRecordsMeanNoPolicy() {
        assertThat(MtaStsRecord.policyId(List.of("v=STSv1; id=one", "v=STSv1; id=two"))).isEmpty();
    }

    @Test
    void aRecordWithoutAValidIdIsNone() {
        assertThat(MtaStsRecord.policyId(List.of("v=STSv1;"))).isEmpty();
        assertThat(MtaStsRecord.policyId(List.of("v=STSv1; id=has-dash"))).isEmpty();
        assertThat(MtaStsRecord.policyId(List.of("v=STSv1; id=" + "x".repeat(33)))).as("over 32").isEmpty();
        assertThat(MtaStsRecord.policyId(List.of("v=STSv10; id=abc"))).isEmpty();
        assertThat(MtaStsRecord.policyId(List.of())).isEmpty();
    }
}
