package org.mxsuite.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The command lines of a process and of every process it starts, as {@code ps} shows them to any user of the machine
 * ({@code /proc/PID/cmdline}), gathered by polling while the watch runs: what a short-lived child (keytool) was
 * given is caught while it runs.
 */
public final class CommandLineWatch implements AutoCloseable {
    private final ProcessHandle root;
    private final boolean includeRoot;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Thread poller;
    private volatile boolean running = true;

    private CommandLineWatch(ProcessHandle root, boolean includeRoot) {
        this.root = root;
        this.includeRoot = includeRoot;
        this.poller = new Thread(this::poll, "command-line-watch");
        poller.setDaemon(true);
        poller.start();
    }

    /** The processes {@code root} starts from now on (not {@code root} itself: the test's own JVM). */
    public static CommandLineWatch childrenOf(ProcessHandle root) {
        return new CommandLineWatch(root, false);
    }

    /** {@code process} and the processes it starts. */
    public static CommandLineWatch of(ProcessHandle process) {
        return new CommandLineWatch(process, true);
    }

    private void poll() {
        while (running) {
            record();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void record() {
        Stream<ProcessHandle> processes = includeRoot ? Stream.concat(Stream.of(root), root.descendants()) : root.descendants();
        processes.forEach(process -> commandLine(process).ifPresent(seen::add));
    }

    /** The whole command line from /proc (the JDK's ProcessHandle.Info cuts long ones, such as James's classpath). */
    private static Optional<String> commandLine(ProcessHandle process) {
        try {
            byte[] arguments = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
            String line = new String(arguments, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            return line.isEmpty() ? Optional.empty() : Optional.of(line);
        } catch (IOException e) {
            // gone meanwhile, or no /proc
            return process.info().commandLine();
        }
    }

    /** Every command line seen so far, whole. */
    public Set<String> seen() {
        record();
        return Set.copyOf(seen);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join();
    }
}
