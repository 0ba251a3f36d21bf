package org.mxsuite.panel.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.panel.PanelRole;

import spark.Request;
import spark.Response;

/**
 * A page only operators see, with its forms: a domain owner gets 403 on the page and on every action, a form without
 * this session's CSRF token gets 403, and nothing is done then. An action that is refused (the core service's
 * message, as WebAdmin gives it) shows the page again with the reason and status 400; one that is done goes back to
 * the page (303) with what was done.
 */
abstract class OperatorPage implements PanelRoutes {
    protected final Visit visit;
    private final String path;
    private final String title;

    OperatorPage(Visit visit, String path, String title) {
        this.visit = visit;
        this.path = path;
        this.title = title;
    }

    /** What a done action answers with, or throws (an {@link IllegalArgumentException}) with why it was refused. */
    @FunctionalInterface
    interface Action {
        String run(Visit.SignedIn operator, Request request);
    }

    /** The page's tables and forms, for this operator (whose session's CSRF token goes into every form). */
    abstract String content(Visit.SignedIn operator);

    final String show(Request request, Response response) {
        Optional<Visit.SignedIn> signedIn = visit.of(request);
        if (signedIn.isEmpty()) {
            response.redirect("/login", HttpStatus.SEE_OTHER_303);
            return "";
        }
        if (signedIn.get().account.role() != PanelRole.OPERATOR) {
            return Pages.refused(signedIn.get(), response);
        }
        return render(signedIn.get(), Optional.ofNullable(request.queryParams("done")).map(done -> Html.notice("ok", done)).orElse(""));
    }

    final String act(Request request, Response response, Action action) {
        Optional<Visit.SignedIn> operator = Pages.formOfOperator(visit, request, response);
        if (operator.isEmpty()) {
            return Pages.forbidden(response);
        }
        try {
            String done = action.run(operator.get(), request);
            response.redirect(path + "?done=" + URLEncoder.encode(done, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER_303);
            return "";
        } catch (IllegalArgumentException e) {
            response.status(HttpStatus.BAD_REQUEST_400);
            return render(operator.get(), Html.notice("error", e.getMessage()));
        }
    }

    private String render(Visit.SignedIn operator, String notice) {
        return Pages.page(operator, title, notice + content(operator));
    }

    /** A form field, trimmed; empty when not sent. */
    static String field(Request request, String name) {
        return Optional.ofNullable(request.queryParams(name)).orElse("").trim();
    }

    /** A form field left empty counts as not given. */
    static Optional<String> optionalField(Request request, String name) {
        return Optional.of(field(request, name)).filter(value -> !value.isEmpty());
    }

    /** A form posting to {@code action} with the session's token and one hidden field, under a button. */
    static String button(Visit.SignedIn operator, String action, String name, String value, String label) {
        return "<form method=\"post\" action=\"" + Html.escape(action) + "\">" + Html.csrfField(operator.session.csrf())
            + "<input type=\"hidden\" name=\"" + Html.escape(name) + "\" value=\"" + Html.escape(value) + "\">"
            + "<button type=\"submit\">" + Html.escape(label) + "</button></form>";
    }

    static String cell(Object value) {
        return "<td>" + Html.escape(value) + "</td>";
    }
}
