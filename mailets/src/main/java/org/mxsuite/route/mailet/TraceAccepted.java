package org.mxsuite.route.mailet;

import javax.inject.Inject;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mxsuite.trace.ArrivalTrace;

/**
 * Records in the delivery trace that a mail was accepted, one event per recipient: first of the root processor, so
 * that every mail James took is traced, whatever becomes of it next. The mail goes on unchanged.
 */
public class TraceAccepted extends GenericMailet {
    private final ArrivalTrace trace;

    @Inject
    public TraceAccepted(ArrivalTrace trace) {
        this.trace = trace;
    }

    @Override
    public void service(Mail mail) {
        trace.accepted(mail);
    }

    @Override
    public String getMailetInfo() {
        return "Records accepted mail in the delivery trace";
    }
}
