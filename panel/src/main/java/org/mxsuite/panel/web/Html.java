package org.mxsuite.panel.web;

/** Pages are written here, every value escaped: no template engine, no script, nothing a Content-Security-Policy must allow. */
final class Html {
    private Html() {
    }

    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&':
                    escaped.append("&amp;");
                    break;
                case '<':
                    escaped.append("&lt;");
                    break;
                case '>':
                    escaped.append("&gt;");
                    break;
                case '"':
                    escaped.append("&quot;");
                    break;
                case '\'':
                    escaped.append("&#39;");
                    break;
                default:
                    escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** A whole page: title, the signed-in account with its sign-out form (when there is one), the body. */
    static String page(String title, String account, String csrf, String body) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .append("<title>").append(escape(title)).append(" - MX Suite</title>")
            .append("<link rel=\"stylesheet\" href=\"/panel.css\"></head><body><header><a class=\"brand\" href=\"/\">MX Suite</a>");
        if (account != null) {
            page.append("<form class=\"signout\" method=\"post\" action=\"/logout\">").append(csrfField(csrf))
                .append("<span>").append(escape(account)).append("</span> <button type=\"submit\">Sign out</button></form>");
        }
        return page.append("</header><main><h1>").append(escape(title)).append("</h1>").append(body)
            .append("</main></body></html>\n").toString();
    }

    static String csrfField(String csrf) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(csrf) + "\">";
    }

    static String notice(String kind, String message) {
        return "<p class=\"" + kind + "\" role=\"" + ("error".equals(kind) ? "alert" : "status") + "\">" + escape(message) + "</p>";
    }

    static final String STYLE = String.join("\n",
        "body{font-family:system-ui,sans-serif;margin:0;color:#1d2733;background:#f5f7fa}",
        "header{display:flex;justify-content:space-between;align-items:center;background:#1d3557;color:#fff;padding:.6em 1.2em}",
        "header a.brand{color:#fff;font-weight:bold;text-decoration:none}",
        "header form.signout{margin:0}header span{margin-right:.6em}",
        "main{max-width:60em;margin:1.5em auto;padding:0 1.2em}nav a{margin-right:1em}",
        "table{border-collapse:collapse;width:100%;background:#fff;margin:.5em 0 1.5em}",
        "th,td{text-align:left;padding:.45em .7em;border-bottom:1px solid #dde3ea}th{background:#eef2f6}",
        "form.login{background:#fff;padding:1.5em;max-width:22em;border:1px solid #dde3ea}",
        "label{display:block;margin:.6em 0 .2em}input[type=text],input[type=password],select,textarea{width:100%;padding:.4em;box-sizing:border-box}",
        "button{padding:.4em 1em;margin-top:.8em;cursor:pointer}",
        ".error{color:#9b1c1c;background:#fde8e8;padding:.6em}.ok{color:#1c5e2b;background:#e6f4ea;padding:.6em}",
        "form.search{display:flex;flex-wrap:wrap;gap:0 1em;align-items:flex-end;background:#fff;padding:.5em 1em 1em;border:1px solid #dde3ea}",
        "form.search div{flex:1 1 14em}#trace td{font-size:.85em}#trace td.long{overflow-wrap:anywhere}");
}
