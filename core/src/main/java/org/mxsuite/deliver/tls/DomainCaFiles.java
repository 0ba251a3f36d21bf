package org.mxsuite.deliver.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Domains' own CA files, each read once and again when it changes on disk (a renewed CA is picked up without a
 * restart), not at every connection.
 */
final class DomainCaFiles {
    private static final class Loaded {
        final FileTime modified;
        final TrustAnchors anchors;

        Loaded(FileTime modified, TrustAnchors anchors) {
            this.modified = modified;
            this.anchors = anchors;
        }
    }

    private final Map<Path, Loaded> loaded = new ConcurrentHashMap<>();

    /** @throws IllegalStateException when the file cannot be read or holds no certificate */
    TrustAnchors get(Path file) {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Loaded current = loaded.get(file);
        if (current != null && current.modified.equals(modified)) {
            return current.anchors;
        }
        Loaded fresh = new Loaded(modified, TrustAnchors.only(file));
        loaded.put(file, fresh);
        return fresh.anchors;
    }
}
