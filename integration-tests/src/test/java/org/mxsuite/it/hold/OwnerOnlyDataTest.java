package org.mxsuite.it.hold;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.HostedDomains.removeAllDomains;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.Smtp;

/**
 * What the running server writes of other people's mail and of its state is its owner's only, although this JVM's
 * umask (022) makes new files world-readable: the spool, the held messages, the H2 database and their directories.
 */
@SharesTheServer
class OwnerOnlyDataTest {
    private static final String DOMAIN = "private.example";

    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @AfterEach
    void removeTheDomainAndItsMail() throws InterruptedException {
        removeAllDomains();
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void heldMailTheSpoolAndTheStateStoreAreTheOwnersOnly() throws Exception {
        // the customer's server does not answer: the message is held, its content in a file
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"[127.0.0.1]:1\"}");
        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@sender.test",
            Smtp.message("alice@sender.test", "bob@" + DOMAIN, "private", "for bob only"), "bob@" + DOMAIN);
        assertThat(sent.accepted()).as(sent.replies().toString()).isTrue();
        awaitHeld();

        Path var = server.workingDirectory().resolve("var");
        Path state = var.resolve("mxsuite");
        assertThat(permissions(state)).isEqualTo("rwx------");
        assertThat(permissions(state.resolve("state.mv.db"))).isEqualTo("rw-------");
        assertThat(permissions(state.resolve("state-held"))).isEqualTo("rwx------");
        List<Path> held = files(state.resolve("state-held"));
        assertThat(held).isNotEmpty();
        for (Path file : held) {
            assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------");
        }
        assertThat(permissions(var.resolve("store/spool/spool"))).isEqualTo("rwx------");
    }

    private static void awaitHeld() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (given().get("/hosted-domains/" + DOMAIN + "/queue").then().statusCode(200)
            .extract().jsonPath().getInt("messages") < 1) {
            assertThat(Instant.now()).as("the message is held").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static List<Path> files(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.collect(Collectors.toList());
        }
    }
}
