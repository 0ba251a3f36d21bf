package org.mxsuite.greylist;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.mxsuite.domain.Cidr;

/**
 * What greylisting remembers (RFC 6647): the client's network, the envelope sender and the recipient, normalised so
 * that one sender retrying from one provider is one triplet, however its per-message tags and outbound hosts vary.
 */
public final class Triplet {
    public static final String NULL_SENDER = "<>";

    private final Cidr network;
    private final String sender;
    private final String recipient;

    public Triplet(Cidr network, String sender, String recipient) {
        this.network = Objects.requireNonNull(network);
        this.sender = Objects.requireNonNull(sender);
        this.recipient = Objects.requireNonNull(recipient);
    }

    public static Triplet of(InetAddress client, MaybeSender sender, MailAddress recipient, int prefix4, int prefix6) {
        return new Triplet(Cidr.around(client, prefix4, prefix6), normalizedSender(sender),
            recipient.asString().toLowerCase(Locale.ROOT));
    }

    /**
     * The sender as greylisting keys it: lower-cased; {@code +ext} tags dropped; BATV ({@code prvs=TAG=user}) and SRS
     * ({@code SRS0=HHH=TT=domain=user}, {@code SRS1=HHH=hop==HHH=TT=domain=user}) reduced to the original address,
     * since their tag changes with every message; the null sender as {@code <>}.
     */
    public static String normalizedSender(MaybeSender sender) {
        if (sender.isNullSender()) {
            return NULL_SENDER;
        }
        MailAddress address = sender.get();
        String local = address.getLocalPart().toLowerCase(Locale.ROOT);
        String domain = address.getDomain().asString().toLowerCase(Locale.ROOT);
        Optional<String[]> original = srsOriginal(local);
        if (original.isPresent()) {
            domain = original.get()[0];
            local = original.get()[1];
        } else if (local.startsWith("prvs=") || local.startsWith("msprvs1=")) {
            int tagEnd = local.indexOf('=', local.indexOf('=') + 1);
            if (tagEnd > 0 && tagEnd + 1 < local.length()) {
                local = local.substring(tagEnd + 1);
            }
        }
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        return local + "@" + domain;
    }

    /** The original {domain, local part} of an SRS0 or SRS1 local part. */
    private static Optional<String[]> srsOriginal(String local) {
        String rest;
        if (local.startsWith("srs0=") || local.startsWith("srs0+") || local.startsWith("srs0-")) {
            rest = local.substring(5);
        } else if (local.startsWith("srs1=") || local.startsWith("srs1+") || local.startsWith("srs1-")) {
            int hop = local.indexOf("==");
            if (hop < 0) {
                return Optional.empty();
            }
            rest = local.substring(hop + 2);
        } else {
            return Optional.empty();
        }
        // rest: HHH=TT=domain=local (the original local part may contain '=')
        String[] parts = rest.split("=", 4);
        if (parts.length < 4 || parts[2].isEmpty() || parts[3].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new String[] {parts[2], parts[3]});
    }

    public Cidr network() {
        return network;
    }

    public String sender() {
        return sender;
    }

    public String recipient() {
        return recipient;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Triplet)) {
            return false;
        }
        Triplet that = (Triplet) o;
        return network.equals(that.network) && sender.equals(that.sender) && recipient.equals(that.recipient);
    }

    @Override
    public int hashCode() {
        return Objects.hash(network, sender, recipient);
    }

    @Override
    public String toString() {
        return "(" + network + ", " + sender + ", " + recipient + ")";
    }
}
