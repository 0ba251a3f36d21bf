package org.mxsuite.panel.web;

import java.util.Locale;

import org.mxsuite.ban.Ban;
import org.mxsuite.ban.BanSubject;
import org.mxsuite.ban.BruteForceGuard;
import org.mxsuite.domain.InvalidSettingException;

import spark.Request;
import spark.Service;

/**
 * The bans in force (addresses, IPv6 /64 networks, user names banned for failed logins, or by hand over WebAdmin),
 * and lifting one, as WebAdmin's {@code DELETE /bans/...} does ({@link BruteForceGuard}).
 */
final class BanPages extends OperatorPage {
    private static final String PATH = "/bans";

    private final BruteForceGuard guard;

    BanPages(Visit visit, BruteForceGuard guard) {
        super(visit, PATH, "Bans");
        this.guard = guard;
    }

    @Override
    public void define(Service service) {
        service.get(PATH, this::show);
        service.post(PATH + "/lift", (request, response) -> act(request, response, this::lift));
    }

    private String lift(Visit.SignedIn operator, Request request) {
        BanSubject subject = BanSubject.parse(field(request, "subject"));
        if (!guard.lift(subject)) {
            throw new InvalidSettingException(subject.display() + " is not banned");
        }
        return "Ban of " + subject.display() + " lifted.";
    }

    @Override
    String content(Visit.SignedIn operator) {
        StringBuilder rows = new StringBuilder();
        for (Ban ban : guard.activeBans()) {
            rows.append("<tr>").append(cell(ban.subject().display())).append(cell(ban.subject().kind().name().toLowerCase(Locale.ROOT)))
                .append(cell(ban.reason())).append(cell(ban.failures())).append(cell(ban.bannedAt())).append(cell(ban.expiresAt()))
                .append("<td>").append(button(operator, PATH + "/lift", "subject", ban.subject().asString(), "Lift")).append("</td></tr>");
        }
        return "<table id=\"bans\"><thead><tr><th>Banned</th><th>Kind</th><th>Reason (and the protocol of the last failure)</th>"
            + "<th>Failures</th><th>Since</th><th>Until</th><th></th></tr></thead><tbody>" + rows + "</tbody></table>"
            + "<p>A ban by hand is made over WebAdmin (<code>PUT /bans/{address}</code>).</p>";
    }
}
