package org.mxsuite.route;

import org.apache.mailet.AttributeName;

/**
 * The attribute that the embedded server's file spool sets on a mail it processes again after a crash
 * (org.mxsuite.embedded.spool.FileSpool writes the name itself: it does not see the plugin's classes). Local delivery
 * then skips the mailboxes that hold the mail already (org.mxsuite.route.mailet.SkipDeliveredRecipients).
 */
public final class RecoveredMail {
    public static final String NAME = "org.mxsuite.spool.recovered";
    public static final AttributeName ATTRIBUTE = AttributeName.of(NAME);

    private RecoveredMail() {
    }
}
