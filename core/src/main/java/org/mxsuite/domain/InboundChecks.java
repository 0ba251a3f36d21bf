package org.mxsuite.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Which {@link InboundCheck}s a hosted domain has switched off; every check is on unless switched off. */
public final class InboundChecks {
    public static final InboundChecks ALL = new InboundChecks(EnumSet.noneOf(InboundCheck.class));

    private final Set<InboundCheck> off;

    private InboundChecks(Set<InboundCheck> off) {
        this.off = Collections.unmodifiableSet(off);
    }

    public boolean isOn(InboundCheck check) {
        return !off.contains(check);
    }

    public InboundChecks with(InboundCheck check, boolean on) {
        EnumSet<InboundCheck> changed = off.isEmpty() ? EnumSet.noneOf(InboundCheck.class) : EnumSet.copyOf(off);
        if (on) {
            changed.remove(check);
        } else {
            changed.add(check);
        }
        return new InboundChecks(changed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InboundChecks && ((InboundChecks) o).off.equals(off);
    }

    @Override
    public int hashCode() {
        return off.hashCode();
    }

    @Override
    public String toString() {
        return "checks off: " + off;
    }
}
