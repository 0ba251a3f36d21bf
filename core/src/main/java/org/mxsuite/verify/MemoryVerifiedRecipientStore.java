package org.mxsuite.verify;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.mxsuite.domain.DomainName;

/** {@link VerifiedRecipientStore} in this process's memory (one node, tests). */
public final class MemoryVerifiedRecipientStore implements VerifiedRecipientStore {
    private final Map<DomainName, Map<String, VerifiedRecipient>> answers = new ConcurrentHashMap<>();

    @Override
    public void put(VerifiedRecipient answer) {
        Map<String, VerifiedRecipient> ofDomain = answers.computeIfAbsent(answer.domain(), domain -> new ConcurrentHashMap<>());
        ofDomain.values().removeIf(old -> !old.isFreshAt(answer.verified()));
        ofDomain.put(answer.address(), answer);
    }

    @Override
    public Optional<VerifiedRecipient> get(DomainName domain, String address, Instant now) {
        return Optional.ofNullable(answers.getOrDefault(domain, Map.of()).get(address)).filter(answer -> answer.isFreshAt(now));
    }

    @Override
    public List<VerifiedRecipient> list(DomainName domain, Instant now) {
        return answers.getOrDefault(domain, Map.of()).values().stream().filter(answer -> answer.isFreshAt(now))
            .sorted(Comparator.comparing(VerifiedRecipient::address)).collect(Collectors.toList());
    }

    @Override
    public boolean remove(DomainName domain, String address) {
        return answers.getOrDefault(domain, Map.of()).remove(address) != null;
    }

    @Override
    public int removeAll(DomainName domain) {
        Map<String, VerifiedRecipient> removed = answers.remove(domain);
        return removed == null ? 0 : removed.size();
    }
}
