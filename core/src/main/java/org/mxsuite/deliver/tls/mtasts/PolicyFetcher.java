package org.mxsuite.deliver.tls.mtasts;

/** Gets the text of a domain's policy file (RFC 8461 section 3.3). */
@FunctionalInterface
public interface PolicyFetcher {
    /** The body of {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}, fetched as the RFC requires. */
    String fetch(String domain) throws PolicyFetchFailed;
}
