package org.mxsuite.route.match;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.domain.ServiceKind;

/**
 * Matches the recipients whose domain the suite hosts with one of the given services:
 * {@code match="org.mxsuite.route.RecipientIsHostedDomain=backup,relay"}.
 */
public class RecipientIsHostedDomain extends GenericMatcher {
    private final HostedDomainStore domains;
    private Set<ServiceKind> services;

    @Inject
    public RecipientIsHostedDomain(HostedDomainStore domains) {
        this.domains = domains;
    }

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition == null || condition.isBlank()) {
            throw new MessagingException("RecipientIsHostedDomain needs the services to match, e.g. =backup,relay");
        }
        try {
            services = Arrays.stream(condition.split(","))
                .map(String::trim)
                .map(ServiceKind::parse)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ServiceKind.class)));
        } catch (InvalidSettingException e) {
            throw new MessagingException("RecipientIsHostedDomain=" + condition + ": " + e.getMessage());
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream()
            .filter(this::isHostedWithOurServices)
            .collect(Collectors.toList());
    }

    private boolean isHostedWithOurServices(MailAddress recipient) {
        try {
            return domains.get(DomainName.of(recipient.getDomain().asString()))
                .map(HostedDomain::service)
                .filter(services::contains)
                .isPresent();
        } catch (InvalidSettingException e) {
            return false;
        }
    }
}
