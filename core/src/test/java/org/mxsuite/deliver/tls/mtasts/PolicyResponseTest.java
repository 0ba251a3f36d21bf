package org.mxsuite.deliver.tls.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PolicyResponseTest {
    private static final String URL = "https://mta-sts.example.com/.well-known/mta-sts.txt";
    private static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx.example.com\r\nmax_age: 86400\r\n";

    @Test
    void aBodyWithItsLength() throws Exception {
        assertThat(read("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + POLICY.length()
            + "\r\n\r\n" + POLICY + "trailing bytes not read")).isEqualTo(POLICY);
    }

    @Test
    void aChunkedBody() throws Exception {
        String chunked = Integer.toHexString(10) + "\r\n" + POLICY.substring(0, 10) + "\r\n"
            + Integer.toHexString(POLICY.length() - 10) + ";ext=1\r\n" + POLICY.substring(10) + "\r\n0\r\n\r\n";
        assertThat(read("HTTP/1.1 200 OK\r\ncontent-type: TEXT/PLAIN\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked)).isEqualTo(POLICY);
    }

    @Test
    void aBodyUpToTheEndOfTheConnection() throws Exception {
        assertThat(read("HTTP/1.0 200 OK\nContent-Type: text/plain\n\n" + POLICY)).isEqualTo(POLICY);
    }

    @Test
    void redirectsAreNotFollowed() {
        assertFails("HTTP/1.1 301 Moved Permanently\r\nLocation: https://elsewhere.example/\r\n\r\n",
            "answered 301 Moved Permanently (redirects are not followed)");
    }

    @Test
    void onlyTextPlainIsAPolicy() {
        assertFails("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nhi", "content type 'text/html', not text/plain");
        assertFails("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", "content type ''");
    }

    @Test
    void bodiesOver64KibAreRefused() {
        String big = "x".repeat(PolicyResponse.MAX_BODY + 1);
        assertFails("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + big.length() + "\r\n\r\n" + big, "over 65536 bytes");
        assertFails("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + big, "over 65536 bytes");
        assertFails("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n", "over 65536 bytes");
    }

    @Test
    void notHttp() {
        assertFails("SSH-2.0-OpenSSH\r\n\r\n", "did not answer in HTTP/1.x");
    }

    private static String read(String response) throws Exception {
        return PolicyResponse.body(new ByteArrayInputStream(response.getBytes(StandardCharsets.ISO_8859_1)), URL);
    }

    private static void assertFails(String response, String reason) {
        assertThatThrownBy(() -> read(response)).isInstanceOf(PolicyFetchFailed.class).hasMessageContaining(reason);
    }
}
