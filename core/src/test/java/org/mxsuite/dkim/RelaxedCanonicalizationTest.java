package org.mxsuite.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class RelaxedCanonicalizationTest {
    @Test
    void headerFieldsAsInRfc6376Section346() {
        assertThat(RelaxedCanonicalization.header("A: X")).isEqualTo("a:X\r\n");
        assertThat(RelaxedCanonicalization.header("B : Y\t\r\n\tZ  ")).isEqualTo("b:Y Z\r\n");
    }

    @Test
    void bodyAsInRfc6376Section346() throws Exception {
        assertThat(canonical(" C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void aBodyWithoutFinalLineEndGetsOneAndAnEmptyBodyStaysEmpty() throws Exception {
        assertThat(canonical("last line  ")).isEqualTo("last line\r\n");
        assertThat(canonical("")).isEmpty();
        assertThat(canonical("\r\n\r\n")).isEmpty();
        // RFC 6376 3.4.4's hash of an empty body, relaxed
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        RelaxedCanonicalization.body(new ByteArrayInputStream(new byte[0]), digest);
        assertThat(Base64.getEncoder().encodeToString(digest.digest())).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @Test
    void bareLineFeedsCountAsLineEndsAndEmptyLinesInsideAreKept() throws Exception {
        assertThat(canonical("a\n\n \nb\t\n")).isEqualTo("a\r\n\r\n\r\nb\r\n");
        assertThat(canonical("a\rb\r\n")).isEqualTo("a\rb\r\n");
    }

    /** The canonical form, captured by a digest that keeps what it is fed. */
    private static String canonical(String body) throws Exception {
        StringBuilder fed = new StringBuilder();
        MessageDigest recorder = new MessageDigest("recorder") {
            @Override
            protected void engineUpdate(byte input) {
                fed.append((char) input);
            }

            @Override
            protected void engineUpdate(byte[] input, int offset, int length) {
                fed.append(new String(input, offset, length, StandardCharsets.ISO_8859_1));
            }

            @Override
            protected byte[] engineDigest() {
                return new byte[0];
            }

            @Override
            protected void engineReset() {
            }
        };
        RelaxedCanonicalization.body(new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)), recorder);
        return fed.toString();
    }
}
