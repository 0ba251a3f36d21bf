package org.mxsuite.accept.common;

import java.util.List;

import org.apache.james.protocols.api.Response;

/**
 * A connect handler's "go ahead" (and a line handler's "the reply comes later"): writes nothing and keeps the session. James 3.8.1's connect handlers may in
 * principle answer null, but its JMX statistics of connect handlers (on for every server with a jmxName) then fail
 * with a NullPointerException and the connection is dropped.
 */
public final class EmptyResponse implements Response {
    public static final Response INSTANCE = new EmptyResponse();

    private EmptyResponse() {
    }

    @Override
    public String getRetCode() {
        return "";
    }

    @Override
    public List<CharSequence> getLines() {
        return List.of();
    }

    @Override
    public boolean isEndSession() {
        return false;
    }
}
