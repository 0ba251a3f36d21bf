package org.mxsuite.forward;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.james.core.MailAddress;

/**
 * The Sender Rewriting Scheme, so that forwarded mail passes the target's SPF check and its bounces come back to us:
 * {@code alice@orig.example} becomes {@code SRS0=HHHHHH=TT=orig.example=alice@srs.domain}, and the sender of a mail
 * another forwarder rewrote, {@code SRS0=...@hop.example}, becomes {@code SRS1=HHHHHH=hop.example==...@srs.domain}.
 * HHHHHH is a keyed hash (HMAC-SHA256, base32, case-insensitive since MTAs may change case) of the rest, TT the day it
 * was made (base32, days modulo 1024): a bounce to a forged, tampered or expired address is refused. An SRS1 address
 * ages with the first hop's day it carries (signed by us with the rest). Several
 * secrets: the first signs, every one verifies, so a secret can be rotated without refusing bounces in flight.
 */
public final class Srs {
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int HASH_LENGTH = 6;
    private static final int DAY_RANGE = 1024;

    private final String srsDomain;
    private final List<byte[]> secrets;
    private final Duration maxAge;
    private final Clock clock;

    /** What a bounce to an SRS address goes back to, or why it is refused. */
    public static final class Reversal {
        private final Optional<MailAddress> address;
        private final String refusal;

        private Reversal(Optional<MailAddress> address, String refusal) {
            this.address = address;
            this.refusal = refusal;
        }

        static Reversal to(MailAddress address) {
            return new Reversal(Optional.of(address), "");
        }

        static Reversal refused(String why) {
            return new Reversal(Optional.empty(), why);
        }

        public Optional<MailAddress> address() {
            return address;
        }

        public String refusal() {
            return refusal;
        }
    }

    /** @param srsDomain a host name: a domain, or at least a name such as this host's (single-label names included) */
    public Srs(String srsDomain, List<String> secrets, Duration maxAge, Clock clock) {
        if (secrets.isEmpty() || secrets.stream().anyMatch(secret -> secret.length() < 16)) {
            throw new IllegalArgumentException("SRS needs at least one secret of 16 characters or more");
        }
        this.srsDomain = srsDomain.toLowerCase(Locale.ROOT);
        this.secrets = secrets.stream().map(secret -> secret.getBytes(StandardCharsets.UTF_8)).collect(java.util.stream.Collectors.toList());
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public String domain() {
        return srsDomain;
    }

    /** Whether the address is at our SRS domain. */
    public boolean isOurs(MailAddress address) {
        return address.getDomain().asString().equalsIgnoreCase(srsDomain);
    }

    /** Whether the local part has an SRS form (SRS0 or SRS1, any case). */
    public static boolean isSrs(MailAddress address) {
        String local = address.getLocalPart().toUpperCase(Locale.ROOT);
        return local.length() > 5 && (local.startsWith("SRS0") || local.startsWith("SRS1")) && "=+-".indexOf(local.charAt(4)) >= 0;
    }

    /** The envelope sender for mail we forward on behalf of {@code sender}. */
    public MailAddress forward(MailAddress sender) {
        if (isOurs(sender)) {
            return sender;
        }
        String local = sender.getLocalPart();
        String senderDomain = sender.getDomain().asString();
        String upper = local.toUpperCase(Locale.ROOT);
        String rewritten;
        // an SRS1 address carries the first hop's SRS0 part, whose day is what its age is checked by: a sender whose
        // part has no day in SRS0 form is wrapped as SRS0 instead, with our own day
        if (isSrs(sender) && upper.startsWith("SRS0") && isSrs0Part(local.substring(5))) {
            // SRS0=HHH=TT=orig=user@hop -> SRS1=HHH=hop==HHH=TT=orig=user
            String rest = local.substring(5);
            rewritten = "SRS1=" + hash(senderDomain + "=" + rest) + "=" + senderDomain + "==" + rest;
        } else if (isSrs(sender) && upper.startsWith("SRS1")) {
            // SRS1=HHH=hop==rest@other -> SRS1=HHH'=hop==rest: keep the first hop, sign it anew
            int separator = local.indexOf("==");
            String[] head = local.substring(5, separator < 0 ? local.length() : separator).split("=", 2);
            if (separator < 0 || head.length < 2 || head[1].isEmpty() || !isSrs0Part(local.substring(separator + 2))) {
                rewritten = srs0(local, senderDomain);
            } else {
                String hop = head[1];
                String rest = local.substring(separator + 2);
                rewritten = "SRS1=" + hash(hop + "=" + rest) + "=" + hop + "==" + rest;
            }
        } else {
            rewritten = srs0(local, senderDomain);
        }
        return address(rewritten + "@" + srsDomain);
    }

    private String srs0(String local, String domain) {
        String timestamp = timestamp();
        return "SRS0=" + hash(timestamp + "=" + domain + "=" + local) + "=" + timestamp + "=" + domain + "=" + local;
    }

    /** Where a bounce to one of our SRS addresses goes: the original sender (SRS0), or the previous forwarder (SRS1). */
    public Reversal reverse(MailAddress address) {
        if (!isOurs(address) || !isSrs(address)) {
            return Reversal.refused("not an SRS address of " + srsDomain);
        }
        String local = address.getLocalPart();
        String body = local.substring(5);
        if (local.toUpperCase(Locale.ROOT).startsWith("SRS1")) {
            int separator = body.indexOf("==");
            String[] head = separator < 0 ? new String[0] : body.substring(0, separator).split("=", 2);
            if (head.length < 2 || head[1].isEmpty()) {
                return Reversal.refused("malformed SRS1 address");
            }
            String rest = body.substring(separator + 2);
            if (!verifies(head[0], head[1] + "=" + rest)) {
                return Reversal.refused("SRS address does not verify (forged or altered)");
            }
            // the first hop's day, signed by us with the rest: an SRS1 address ages as the SRS0 one it carries
            if (!isSrs0Part(rest)) {
                return Reversal.refused("malformed SRS1 address");
            }
            if (!isFresh(rest.split("=", 4)[1])) {
                return expired();
            }
            return parse("SRS0=" + rest + "@" + head[1]);
        }
        String[] parts = body.split("=", 4);
        if (parts.length < 4 || parts[2].isEmpty() || parts[3].isEmpty()) {
            return Reversal.refused("malformed SRS0 address");
        }
        if (!verifies(parts[0], parts[1] + "=" + parts[2] + "=" + parts[3])) {
            return Reversal.refused("SRS address does not verify (forged or altered)");
        }
        if (!isFresh(parts[1])) {
            return expired();
        }
        return parse(parts[3] + "@" + parts[2]);
    }

    private Reversal expired() {
        return Reversal.refused("SRS address has expired (older than " + maxAge.toDays() + " days)");
    }

    /** {@code HHH=TT=domain=local}: what follows {@code SRS0=}, with a day TT in base32. */
    private static boolean isSrs0Part(String part) {
        String[] parts = part.split("=", 4);
        return parts.length == 4 && !parts[0].isEmpty() && parts[1].length() == 2
            && BASE32.indexOf(Character.toUpperCase(parts[1].charAt(0))) >= 0
            && BASE32.indexOf(Character.toUpperCase(parts[1].charAt(1))) >= 0
            && !parts[2].isEmpty() && !parts[3].isEmpty();
    }

    private Reversal parse(String original) {
        try {
            return Reversal.to(new MailAddress(original));
        } catch (javax.mail.internet.AddressException e) {
            return Reversal.refused("SRS address holds no valid address");
        }
    }

    private boolean verifies(String hash, String data) {
        for (byte[] secret : secrets) {
            if (java.security.MessageDigest.isEqual(hash(secret, data).getBytes(StandardCharsets.US_ASCII),
                hash.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private boolean isFresh(String timestamp) {
        if (timestamp.length() != 2) {
            return false;
        }
        int first = BASE32.indexOf(Character.toUpperCase(timestamp.charAt(0)));
        int second = BASE32.indexOf(Character.toUpperCase(timestamp.charAt(1)));
        if (first < 0 || second < 0) {
            return false;
        }
        int then = first * 32 + second;
        int age = Math.floorMod(today() - then, DAY_RANGE);
        return age <= maxAge.toDays();
    }

    private int today() {
        return (int) Math.floorMod(clock.millis() / Duration.ofDays(1).toMillis(), (long) DAY_RANGE);
    }

    private String timestamp() {
        int day = today();
        return "" + BASE32.charAt(day / 32) + BASE32.charAt(day % 32);
    }

    private String hash(String data) {
        return hash(secrets.get(0), data);
    }

    private static String hash(byte[] secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(data.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            StringBuilder encoded = new StringBuilder();
            long bits = 0;
            int available = 0;
            for (int i = 0; encoded.length() < HASH_LENGTH; i++) {
                bits = (bits << 8) | (digest[i] & 0xff);
                available += 8;
                while (available >= 5 && encoded.length() < HASH_LENGTH) {
                    encoded.append(BASE32.charAt((int) (bits >>> (available - 5)) & 31));
                    available -= 5;
                }
            }
            return encoded.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    private static MailAddress address(String value) {
        try {
            return new MailAddress(value);
        } catch (javax.mail.internet.AddressException e) {
            throw new IllegalArgumentException("cannot make an SRS address of " + value, e);
        }
    }
}
