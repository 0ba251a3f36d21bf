package org.mxsuite.deliver;

import org.mxsuite.hold.HeldMessageId;

/** A held message that cannot be changed now: a delivery (of this node or another) holds its lease. */
public final class HeldMessageBusyException extends Exception {
    private static final long serialVersionUID = 1L;

    public HeldMessageBusyException(HeldMessageId id) {
        super("held message " + id + " is being delivered; try again in a moment");
    }
}
