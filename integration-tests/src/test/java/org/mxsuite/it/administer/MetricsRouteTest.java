package org.mxsuite.it.administer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.CustomerAndSenders.DOMAIN;
import static org.mxsuite.it.support.CustomerAndSenders.SENDERS;
import static org.mxsuite.it.support.HostedDomains.awaitQueueSize;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.Smtp;

import io.restassured.response.Response;

/** GET /metrics: James's registry, the suite's counters among it, in Prometheus' text format, as a scraper reads it. */
@SharesTheServer
class MetricsRouteTest {
    /** The counter's name, which {@code name[]} selects; Prometheus' text names its samples with {@code _total}. */
    private static final String FAMILY = "mxsuite_delivered_recipients";
    private static final String DELIVERED = FAMILY + "_total";

    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @Test
    void answersInPrometheusTextFormatWithTheSuitesCounters() throws Exception {
        Response metrics = given().port(server.webAdminPort()).get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.asString())
            .contains("# TYPE " + DELIVERED + " counter\n")
            .containsPattern("(?m)^mxsuite_deferred_recipients_total [0-9.E]+$")
            .containsPattern("(?m)^mxsuite_bounced_recipients_total [0-9.E]+$");
    }

    @Test
    void countsWhatTheServerDidAndAnswersOnlyTheNamesAskedFor() throws Exception {
        double before = value(DELIVERED);
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"}");

        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS,
            Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, "counted", "body"), "bob@" + DOMAIN, "carol@" + DOMAIN);
        assertThat(sent.accepted()).as(sent.toString()).isTrue();
        servers.customer().awaitMessages(1, Duration.ofSeconds(5));
        awaitQueueSize(DOMAIN, 0);

        assertThat(value(DELIVERED)).isEqualTo(before + 2);
        String only = given().port(server.webAdminPort()).queryParam("name[]", FAMILY).get("/metrics").asString();
        assertThat(only.lines().filter(line -> !line.startsWith("#"))).singleElement().asString().startsWith(DELIVERED + " ");
    }

    private static double value(String metric) {
        String body = given().port(server.webAdminPort()).queryParam("name[]", FAMILY).get("/metrics").asString();
        Matcher value = Pattern.compile("(?m)^" + metric + " ([0-9.E+-]+)$").matcher(body);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
