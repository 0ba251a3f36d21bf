package org.mxsuite.scan;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** What the clamd and rspamd test daemons share: finding the binary, free ports, waiting, cleaning up. */
final class TestDaemons {
    private TestDaemons() {
    }

    /** The first of {@code candidates} that is an executable file, else the name found on PATH. */
    static Optional<Path> binary(String name, String... candidates) {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
            .filter(directory -> !directory.isEmpty()).map(directory -> Path.of(directory, name));
        return Stream.concat(Stream.of(candidates).map(Path::of), onPath).filter(Files::isExecutable).findFirst();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Polls {@code ready} until it holds or {@code timeout} passes, failing early if the process died. */
    static void await(Process process, BooleanSupplier ready, Duration timeout, String what, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not come up within " + timeout + ":\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    static void stop(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
