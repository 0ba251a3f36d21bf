package org.mxsuite.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On loopback sockets: a peer that stalls is cut off at the deadline; one that answers never is. */
class DeadlineTest {
    private static final Duration LIMIT = Duration.ofMillis(300);
    /** Far more than the timer's lateness on a busy machine, far less than what a missed deadline would take. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    private ServerSocket server;
    private Socket client;
    private Socket peer;

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = new Socket();
        client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
        peer = server.accept();
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        peer.close();
        server.close();
    }

    @Test
    void aReadFromAPeerThatSaysNothingEndsAtTheDeadline() {
        Deadline.Watch watch = Deadline.after(LIMIT).watch(client);
        long start = System.nanoTime();
        // no SO_TIMEOUT: without the deadline this read would wait for ever (the preemptive timeout fails the test)
        IOException failure = assertTimeoutPreemptively(LIMIT.plus(SLACK),
            () -> assertThrows(IOException.class, () -> client.getInputStream().read()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isGreaterThanOrEqualTo(LIMIT);
        assertThat(watch.fired()).isTrue();
        assertThat(watch.reason(failure)).isInstanceOf(SocketTimeoutException.class).hasCause(failure);
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void aWriteToAPeerThatStoppedReadingEndsAtTheDeadline() {
        Deadline.Watch watch = Deadline.after(LIMIT).watch(client);
        byte[] block = new byte[1 << 20];
        // the peer never reads: the socket buffers fill and a write blocks, which SO_TIMEOUT would not limit
        assertTimeoutPreemptively(LIMIT.plus(SLACK), () -> assertThatThrownBy(() -> {
            OutputStream out = client.getOutputStream();
            while (true) {
                out.write(block);
            }
        }).isInstanceOf(IOException.class));

        assertThat(watch.fired()).isTrue();
    }

    @Test
    void aPeerThatAnswersInTimeIsNeverCutOff() throws Exception {
        InputStream in = client.getInputStream();
        try (Deadline.Watch watch = Deadline.after(LIMIT).watch(client)) {
            peer.getOutputStream().write('a');
            assertThat(in.read()).isEqualTo('a');
            assertThat(watch.fired()).isFalse();
        }
        // long past the deadline of the closed watch, the connection still carries bytes both ways
        Thread.sleep(LIMIT.multipliedBy(2).toMillis());
        peer.getOutputStream().write('b');
        assertThat(in.read()).isEqualTo('b');
        client.getOutputStream().write('c');
        assertThat(peer.getInputStream().read()).isEqualTo('c');

        try (Deadline.Watch unfired = Deadline.after(LIMIT).watch(client)) {
            IOException other = new IOException("connection reset");
            assertThat(unfired.reason(other)).isSameAs(other);
        }
    }

    @Test
    void aBoundFutureCompletesWithTheLateValueAtTheDeadlineAndLeavesTheSharedOneAlone() throws Exception {
        CompletableFuture<String> shared = new CompletableFuture<>();
        CompletableFuture<String> bound = Deadline.after(LIMIT).bound(shared, "late");

        assertThat(bound.get()).isEqualTo("late");
        assertThat(shared).isNotDone();
        assertThat(Deadline.after(Duration.ZERO).isPast()).isTrue();
        assertThat(Deadline.after(LIMIT).remaining()).isPositive().isLessThanOrEqualTo(LIMIT);
    }
}
