package org.mxsuite.accept;

import java.util.regex.Pattern;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.core.DataLineFilter;

/**
 * James 3.8.1 ends a message that outgrew {@code maxmessagesize} with a bare "552 Quota exceeded" (no enhanced
 * status code, and no quota involved). Listed first in the handler chain, this filter wraps James's own data line
 * filters and gives that reply its RFC 3463 code and the real reason: 552 5.3.4 with the limit (the limit SIZE of EHLO
 * announces, and the reply MAIL FROM SIZE= already gets).
 */
public class MessageSizeReply implements DataLineFilter {
    private static final Pattern ENHANCED_CODE = Pattern.compile("^[245]\\.\\d{1,3}\\.\\d{1,3}\\b.*");

    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        Response response = next.onLine(session, line);
        if (response != null && "552".equals(response.getRetCode()) && isEndOfData(line) && !hasEnhancedCode(response)) {
            SMTPResponse explained = new SMTPResponse("552", "5.3.4 Message size exceeds fixed maximum message size of "
                + session.getConfiguration().getMaxMessageSize() + " bytes");
            explained.setEndSession(response.isEndSession());
            return explained;
        }
        return response;
    }

    private static boolean isEndOfData(byte[] line) {
        return line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n';
    }

    private static boolean hasEnhancedCode(Response response) {
        return !response.getLines().isEmpty() && ENHANCED_CODE.matcher(response.getLines().get(0).toString().substring(4)).matches();
    }
}
