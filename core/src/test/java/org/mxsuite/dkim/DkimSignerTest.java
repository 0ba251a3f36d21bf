package org.mxsuite.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;

/** Our signatures, verified by dkimpy (an implementation that is not ours), and broken by changes after signing. */
class DkimSignerTest {
    private static final DomainName DOMAIN = DomainName.of("shop.example.net");
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final DkimKeyGenerator GENERATOR = new DkimKeyGenerator();
    private static final DkimKey RSA = GENERATOR.generate(DOMAIN, "rsa20261205", DkimAlgorithm.RSA, NOW);
    private static final DkimKey ED25519 = GENERATOR.generate(DOMAIN, "ed20261205", DkimAlgorithm.ED25519, NOW);

    private static final String MESSAGE = "From: Alice <alice@shop.example.net>\r\n"
        + "To: bob@customer.example.org,\r\n\tcarol@customer.example.org\r\n"
        + "Subject:   an order \t confirmation  \r\n"
        + "Date: Sat, 5 Dec 2026 12:00:00 +0000\r\n"
        + "Message-ID: <order-1@shop.example.net>\r\n"
        + "Received: from somewhere\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=us-ascii\r\n"
        + "\r\n"
        + "Your order  is confirmed. \r\n"
        + "\r\n"
        + "-- \r\n"
        + "The shop\r\n\r\n\r\n";

    @Test
    void anRsaSignatureVerifies() throws Exception {
        byte[] signed = signed(MESSAGE, List.of(RSA));
        assertThat(IndependentDkimVerifier.withRecords(signed, records(RSA))).matches(verdict -> verdict.passed, "passed");
    }

    @Test
    void anEd25519SignatureVerifies() throws Exception {
        byte[] signed = signed(MESSAGE, List.of(ED25519));
        assertThat(new String(signed, StandardCharsets.US_ASCII)).contains("a=ed25519-sha256");
        assertThat(IndependentDkimVerifier.withRecords(signed, records(ED25519))).matches(verdict -> verdict.passed, "passed");
    }

    @Test
    void dualSignaturesBothVerify() throws Exception {
        byte[] signed = signed(MESSAGE, List.of(RSA, ED25519));
        IndependentDkimVerifier.Verdict verdict = IndependentDkimVerifier.withRecords(signed, records(RSA, ED25519));
        assertThat(verdict).matches(result -> result.passed, "passed");
        assertThat(verdict.output).contains("2 of 2 signatures pass");
    }

    @Test
    void aBodyAlteredAfterSigningFails() throws Exception {
        String signed = new String(signed(MESSAGE, List.of(RSA)), StandardCharsets.US_ASCII);
        byte[] altered = signed.replace("is confirmed", "is cancelled").getBytes(StandardCharsets.US_ASCII);
        assertThat(IndependentDkimVerifier.withRecords(altered, records(RSA))).matches(verdict -> !verdict.passed, "failed");
    }

    @Test
    void aSubjectAlteredAfterSigningFails() throws Exception {
        String signed = new String(signed(MESSAGE, List.of(ED25519)), StandardCharsets.US_ASCII);
        byte[] altered = signed.replace("an order", "your order").getBytes(StandardCharsets.US_ASCII);
        assertThat(IndependentDkimVerifier.withRecords(altered, records(ED25519))).matches(verdict -> !verdict.passed, "failed");
    }

    @Test
    void aSecondFromAddedAfterSigningFails() throws Exception {
        String signed = new String(signed(MESSAGE, List.of(RSA)), StandardCharsets.US_ASCII);
        assertThat(signed).contains("h=from:from:");
        byte[] twoFroms = signed.replace("\r\n\r\nYour order", "\r\nFrom: ceo@shop.example.net\r\n\r\nYour order")
            .getBytes(StandardCharsets.US_ASCII);
        assertThat(IndependentDkimVerifier.withRecords(twoFroms, records(RSA))).matches(verdict -> !verdict.passed, "failed");
    }

    @Test
    void whitespaceChangesThatRelaxedCanonicalisationIgnoresStillVerify() throws Exception {
        String signed = new String(signed(MESSAGE, List.of(RSA)), StandardCharsets.US_ASCII);
        byte[] refolded = signed.replace("Your order  is", "Your order is").replace("The shop\r\n\r\n\r\n", "The shop  \r\n")
            .getBytes(StandardCharsets.US_ASCII);
        assertThat(IndependentDkimVerifier.withRecords(refolded, records(RSA))).matches(verdict -> verdict.passed, "passed");
    }

    @Test
    void noKeyNoSignature() throws Exception {
        assertThat(DkimSigner.sign(headerFields(MESSAGE), body(MESSAGE), List.of(), NOW)).isEmpty();
    }

    /** The message with our signatures on top, as the mailet writes them. */
    static byte[] signed(String message, List<DkimKey> keys) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String signature : DkimSigner.sign(headerFields(message), body(message), keys, NOW)) {
            out.append(DkimSigner.FIELD_NAME).append(": ").append(signature).append("\r\n");
        }
        return out.append(message).toString().getBytes(StandardCharsets.US_ASCII);
    }

    static Map<String, String> records(DkimKey... keys) {
        Map<String, String> records = new HashMap<>();
        for (DkimKey key : keys) {
            records.put(key.recordName(), key.recordValue());
        }
        return records;
    }

    private static List<String> headerFields(String message) {
        List<String> fields = new ArrayList<>();
        for (String line : message.substring(0, message.indexOf("\r\n\r\n")).split("\r\n")) {
            if (line.startsWith(" ") || line.startsWith("\t")) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + "\r\n" + line);
            } else {
                fields.add(line);
            }
        }
        return fields;
    }

    private static ByteArrayInputStream body(String message) {
        return new ByteArrayInputStream(message.substring(message.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.US_ASCII));
    }
}
