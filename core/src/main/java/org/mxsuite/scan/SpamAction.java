package org.mxsuite.scan;

import java.util.Arrays;
import java.util.Optional;

/** The actions of rspamd's reply ({@code "action"} of {@code /checkv2}), by their names on the wire. */
public enum SpamAction {
    REJECT("reject"),
    SOFT_REJECT("soft reject"),
    GREYLIST("greylist"),
    REWRITE_SUBJECT("rewrite subject"),
    ADD_HEADER("add header"),
    NO_ACTION("no action");

    private final String wireName;

    SpamAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<SpamAction> fromWireName(String name) {
        return Arrays.stream(values()).filter(action -> action.wireName.equals(name)).findFirst();
    }

    /** Whether rspamd judged the message spam (the headers say {@code X-Spam-Flag: YES}). */
    public boolean marksSpam() {
        return this != NO_ACTION && this != GREYLIST;
    }
}
