package org.mxsuite.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;

/** An H2 state store in a temporary directory, as the embedded default keeps it. */
public class H2StateStoreExtension implements StateStoreExtension {
    private Path directory;
    private StateStore stateStore;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("mxsuite-h2");
        stateStore = open();
    }

    /** Opens the same database again, as a restarted server does. */
    public StateStore reopen() {
        stateStore.close();
        stateStore = open();
        return stateStore;
    }

    private StateStore open() {
        return StateStore.openH2(directory.resolve("state").toFile(), 4);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        stateStore.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Override
    public StateStore stateStore() {
        return stateStore;
    }
}
