package org.mxsuite.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free ports for listeners that keep their number across a stop and a start (a launched server, a customer's server
 * that goes down and comes back). A port from {@code new ServerSocket(0)} lies in the kernel's ephemeral range,
 * which outgoing connections draw their local ports from: while the listener is down, any connection made on the
 * machine (a JDBC pool, a delivery attempt) can take it and the restart fails with "Address already in use". Ports
 * below that range are never handed out that way, so a port taken here stays free for its listener.
 */
public final class StablePorts {
    private static final int LOWEST = 10000;
    private static final int BELOW_EPHEMERAL = ephemeralRangeStart();
    // a random start, so that two test JVMs on one machine seldom try the same ports
    private static final AtomicInteger NEXT =
        new AtomicInteger(ThreadLocalRandom.current().nextInt(BELOW_EPHEMERAL - LOWEST));

    private StablePorts() {
    }

    /** A port below the ephemeral range that nothing listens on now, on any address; never the same twice here. */
    public static int take() throws IOException {
        int span = BELOW_EPHEMERAL - LOWEST;
        for (int tries = 0; tries < span; tries++) {
            int port = LOWEST + Math.floorMod(NEXT.getAndIncrement(), span);
            if (isFree(port)) {
                return port;
            }
        }
        throw new IOException("no free port between " + LOWEST + " and " + BELOW_EPHEMERAL);
    }

    private static boolean isFree(int port) {
        try (ServerSocket wildcard = new ServerSocket()) {
            wildcard.setReuseAddress(true);
            wildcard.bind(new InetSocketAddress((InetAddress) null, port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > LOWEST + 1000 ? start : 32768;
        } catch (IOException | RuntimeException notLinux) {
            return 32768;
        }
    }
}
