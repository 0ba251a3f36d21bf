package org.mxsuite.scan;

import java.util.Optional;

/** What clamd found in a message: nothing, or the name of the signature it matched. */
public final class VirusVerdict {
    private static final VirusVerdict CLEAN = new VirusVerdict(Optional.empty());

    private final Optional<String> signature;

    private VirusVerdict(Optional<String> signature) {
        this.signature = signature;
    }

    public static VirusVerdict clean() {
        return CLEAN;
    }

    public static VirusVerdict infected(String signature) {
        return new VirusVerdict(Optional.of(signature));
    }

    public boolean isInfected() {
        return signature.isPresent();
    }

    /** The signature's name, e.g. {@code Win.Test.EICAR_HDB-1}, when infected. */
    public Optional<String> signature() {
        return signature;
    }

    @Override
    public String toString() {
        return signature.map(name -> "infected: " + name).orElse("clean");
    }
}
