package org.mxsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No two packages of core depend on each other, directly or through others: a package can then be read, changed and
 * tested with only what it depends on (the state package once knew every feature's store while they all used it).
 */
class PackageCyclesTest {
    private static final Path SOURCES = Paths.get("src", "main", "java");
    /** An import, or a name written out in full in the code: {@code org.mxsuite.domain.Durations}. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(org\\.mxsuite(?:\\.[a-z][a-z0-9]*)+)\\.[A-Z]");

    @Test
    void corePackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        assertThat(uses).as("packages read").hasSizeGreaterThan(10);

        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            cycleThrough(start, uses).ifPresent(cycles::add);
        }
        assertThat(cycles).isEmpty();
    }

    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(path -> path.toString().endsWith(".java"))::iterator) {
                String name = SOURCES.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
                Set<String> used = uses.computeIfAbsent(name, key -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(Files.readString(file));
                while (reference.find()) {
                    if (!reference.group(1).equals(name)) {
                        used.add(reference.group(1));
                    }
                }
            }
        }
        return uses;
    }

    /** A path of dependencies from {@code start} back to itself, if there is one (breadth first: the shortest). */
    private static Optional<String> cycleThrough(String start, Map<String, Set<String>> uses) {
        Map<String, String> cameFrom = new TreeMap<>();
        Deque<String> next = new ArrayDeque<>(uses.getOrDefault(start, Set.of()));
        next.forEach(used -> cameFrom.put(used, start));
        while (!next.isEmpty()) {
            String current = next.poll();
            if (current.equals(start)) {
                List<String> path = new ArrayList<>();
                String step = cameFrom.get(start);
                path.add(start);
                while (!step.equals(start)) {
                    path.add(0, step);
                    step = cameFrom.get(step);
                }
                path.add(0, start);
                return Optional.of(String.join(" -> ", path));
            }
            for (String used : uses.getOrDefault(current, Set.of())) {
                if (!cameFrom.containsKey(used)) {
                    cameFrom.put(used, current);
                    next.add(used);
                }
            }
        }
        return Optional.empty();
    }
}
