package org.mxsuite.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mxsuite.deliver.Bouncer;
import org.mxsuite.deliver.RecipientStatus;
import org.mxsuite.hold.HeldMessage;

/** Keeps the DSNs it is asked to send, instead of sending them. */
public final class RecordingBouncer implements Bouncer {
    private final List<HeldMessage> bounced = new CopyOnWriteArrayList<>();
    private final List<HeldMessage> warned = new CopyOnWriteArrayList<>();

    @Override
    public void bounce(HeldMessage message, List<RecipientStatus> recipients) {
        bounced.add(message);
    }

    @Override
    public void warnDelay(HeldMessage message, List<RecipientStatus> recipients) {
        warned.add(message);
    }

    public List<HeldMessage> bounced() {
        return List.copyOf(bounced);
    }

    public List<HeldMessage> warned() {
        return List.copyOf(warned);
    }
}
