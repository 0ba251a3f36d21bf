package org.mxsuite.dnsbl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.mxsuite.net.Deadline;
import org.mxsuite.dns.DnsAnswer;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dns.LookupKind;
import org.xbill.DNS.Type;

/**
 * Asks every zone of a list of sites at once and adds up the weights of those that list the name, within one overall
 * time limit, without blocking the caller. Only answers in 127.0.0.0/8 outside 127.255.255.0/24 are listings (RFC 5782 section 2.1; the 127.255.255.x
 * codes are Spamhaus's errors, e.g. for queries through public resolvers); anything else, a failure or a timeout,
 * counts for nothing, so the mail is never blocked because a list misbehaves.
 */
public final class BlocklistChecker {
    private final DnsResolver resolver;
    private final List<BlocklistSite> sites;
    private final int threshold;
    private final Duration timeout;

    public BlocklistChecker(DnsResolver resolver, List<BlocklistSite> sites, int threshold, Duration timeout) {
        this.resolver = resolver;
        this.sites = List.copyOf(sites);
        this.threshold = threshold;
        this.timeout = timeout;
    }

    public boolean hasSites() {
        return !sites.isEmpty();
    }

    /** The verdict on a client address, its octets or nibbles reversed in front of each zone. */
    public CompletableFuture<BlocklistVerdict> checkClient(InetAddress client) {
        return check(BlocklistQueryNames.reversed(client), LookupKind.CLIENT_BLOCKLIST);
    }

    /** The verdict on a domain (RHSBL). */
    public CompletableFuture<BlocklistVerdict> checkDomain(String domain) {
        return check(BlocklistQueryNames.domain(domain), LookupKind.DOMAIN_BLOCKLIST);
    }

    /**
     * Due within the time limit, the listing's TXT reason included (fetched within what is left of it, and left out
     * when none is left); never blocks the caller.
     */
    CompletableFuture<BlocklistVerdict> check(String prefix, LookupKind kind) {
        if (sites.isEmpty()) {
            return CompletableFuture.completedFuture(BlocklistVerdict.clean(threshold));
        }
        Deadline deadline = Deadline.after(timeout);
        Map<String, CompletableFuture<DnsAnswer>> answers = new LinkedHashMap<>();
        for (BlocklistSite site : sites) {
            answers.computeIfAbsent(site.zone(), zone -> resolver.lookup(prefix + "." + zone, Type.A, kind, deadline));
        }
        return CompletableFuture.allOf(answers.values().toArray(new CompletableFuture<?>[0]))
            .thenCompose(done -> verdict(prefix, kind, deadline, answers));
    }

    private CompletableFuture<BlocklistVerdict> verdict(String prefix, LookupKind kind, Deadline deadline,
                                                        Map<String, CompletableFuture<DnsAnswer>> answers) {
        int score = 0;
        Optional<BlocklistSite> strongest = Optional.empty();
        List<BlocklistVerdict.ErrorCode> errorCodes = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        Map<String, List<InetAddress>> listings = new LinkedHashMap<>();
        answers.forEach((zone, future) -> {
            DnsAnswer answer = future.join();
            if (!answer.isConclusive()) {
                unanswered.add(zone + " (" + answer.status() + ")");
                return;
            }
            List<InetAddress> usable = new ArrayList<>();
            for (String address : answer.addresses()) {
                InetAddress parsed = literal(address);
                if (isListing(parsed)) {
                    usable.add(parsed);
                } else {
                    errorCodes.add(new BlocklistVerdict.ErrorCode(zone, address));
                }
            }
            listings.put(zone, usable);
        });
        for (BlocklistSite site : sites) {
            List<InetAddress> listed = listings.getOrDefault(site.zone(), List.of());
            if (listed.stream().anyMatch(site::counts)) {
                score += site.weight();
                if (site.weight() > 0 && (strongest.isEmpty() || site.weight() > strongest.get().weight())) {
                    strongest = Optional.of(site);
                }
            }
        }
        Optional<String> listedBy = strongest.map(BlocklistSite::zone);
        int total = score;
        if (listedBy.isEmpty() || score < threshold) {
            return CompletableFuture.completedFuture(new BlocklistVerdict(score, threshold, listedBy, Optional.empty(), errorCodes, unanswered));
        }
        return resolver.lookup(prefix + "." + listedBy.get(), Type.TXT, kind, deadline)
            .thenApply(txt -> new BlocklistVerdict(total, threshold, listedBy, txt.texts().stream().findFirst(), errorCodes, unanswered));
    }

    /** Listings are in 127.0.0.0/8 but never in 127.255.255.0/24. */
    static boolean isListing(InetAddress answer) {
        byte[] bytes = answer.getAddress();
        if (bytes.length != 4 || (bytes[0] & 0xff) != 127) {
            return false;
        }
        return !((bytes[1] & 0xff) == 255 && (bytes[2] & 0xff) == 255);
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // a literal from an A record: nothing is looked up
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
