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
 * No two packages of the suite depend on each other, directly or through others, in any module: a package can then be
 * read, changed and tested with only what it depends on (the state package once knew every feature's store while they
 * all used it; the SMTP hooks' subpackages used helpers of the package that lists them all).
 */
class PackageCyclesTest {
    /** Run from core's directory: every module beside it. */
    private static final Path MODULES = Paths.get("..");
    /** An import, or a name written out in full in the code: {@code org.mxsuite.domain.Durations}. */
    /** Comments name other packages for the reader; only the code depends on them. */
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern REFERENCE = Pattern.compile("\\b(org\\.mxsuite(?:\\.[a-z][a-z0-9]*)+)\\.[A-Z]");

    @Test
    void packagesFormNoCycle() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> modules = Files.list(MODULES)) {
            for (Path sources : (Iterable<Path>) modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory)::iterator) {
                dependencies(sources, uses);
            }
        }
        assertThat(uses).as("packages read").containsKeys("org.mxsuite.state", "org.mxsuite.accept", "org.mxsuite.embedded");

        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            cycleThrough(start, uses).ifPresent(cycles::add);
        }
        assertThat(cycles).isEmpty();
    }

    private static void dependencies(Path sources, Map<String, Set<String>> uses) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : (Iterable<Path>) files.filter(path -> path.toString().endsWith(".java"))::iterator) {
                String name = sources.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
                Set<String> used = uses.computeIfAbsent(name, key -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(COMMENT.matcher(Files.readString(file)).replaceAll(" "));
                while (reference.find()) {
                    if (!reference.group(1).equals(name)) {
                        used.add(reference.group(1));
                    }
                }
            }
        }
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
