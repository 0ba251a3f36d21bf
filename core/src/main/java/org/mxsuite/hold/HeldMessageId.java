package org.mxsuite.hold;

import java.util.Objects;
import java.util.UUID;

/** Identifies a message in the hold queue; shown to administrators and in DSNs. */
public final class HeldMessageId {
    private final String value;

    private HeldMessageId(String value) {
        this.value = value;
    }

    public static HeldMessageId random() {
        return new HeldMessageId(UUID.randomUUID().toString());
    }

    public static HeldMessageId of(String value) {
        try {
            return new HeldMessageId(UUID.fromString(value).toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not a held message id");
        }
    }

    public String asString() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeldMessageId && ((HeldMessageId) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
