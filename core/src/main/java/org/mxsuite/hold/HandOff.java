package org.mxsuite.hold;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.regex.Pattern;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;

/**
 * One hand-over of a spooled mail to the hold queue: which mail, from which sender, to which recipients. James's
 * spool forgets a mail only once the mailets are done with it, so a crash in between hands the same mail over again
 * at the next start; the hold queue remembers each hand-off with the message it held ({@link HoldQueue#heldAs}), so
 * that it is held once.
 *
 * <p>The mail is named by its spool name: when a matcher takes some of a mail's recipients, James gives that part a
 * name of its own, the spool name plus a random suffix {@code -!1234567}, different at each processing; the suffixes
 * are left out. The sender and recipients tell apart what one mail hands over on several ways (held for a backup
 * domain, forwarded with an SRS sender).
 */
public final class HandOff {
    private static final Pattern SPLIT_SUFFIXES = Pattern.compile("(-![0-9]+)+$");
    /** Room for a usual name (about 50 characters) whole, in the column's 200 with the hash. */
    private static final int KEPT_NAME = 130;

    private final String key;

    private HandOff(String key) {
        this.key = key;
    }

    public static HandOff of(String mailName, MaybeSender sender, Collection<MailAddress> recipients) {
        if (mailName == null || mailName.isEmpty()) {
            throw new IllegalArgumentException("a spooled mail has a name");
        }
        String spoolName = SPLIT_SUFFIXES.matcher(mailName).replaceFirst("");
        StringBuilder what = new StringBuilder(spoolName).append('\n').append(sender.asString("")).append('\n');
        recipients.stream().map(MailAddress::asString).sorted().distinct().forEach(recipient -> what.append(recipient).append('\n'));
        String shown = spoolName.length() <= KEPT_NAME ? spoolName : spoolName.substring(0, KEPT_NAME);
        return new HandOff(shown + "#" + sha256(what.toString()));
    }

    private static String sha256(String text) {
        try {
            StringBuilder hex = new StringBuilder(64);
            for (byte b : MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** What the hand-off is remembered by: the spool name and a hash of the whole, at most 195 characters. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HandOff && ((HandOff) other).key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "hand-off " + key;
    }
}
