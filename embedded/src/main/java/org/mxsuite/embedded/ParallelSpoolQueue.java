package org.mxsuite.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageProducer;
import javax.mail.MessagingException;

import org.apache.activemq.ActiveMQSession;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQCacheableMailQueue;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.mailet.Mail;

/**
 * James's ActiveMQ mail queue, but with as many JMS sessions for sending as SMTP threads enqueue at once. James's own
 * queue sends every mail through one session, so the fsync of one mail waits for the previous one and acceptance is
 * capped at one journal sync per message; here concurrent sends reach KahaDB together and share its journal syncs.
 *
 * <p>Bodies up to {@link #JOURNAL_LIMIT} travel inside the message, so they are in the synced journal before the
 * broker acknowledges; larger ones use James's blob files, as the stock queue does for every body.
 */
final class ParallelSpoolQueue extends ActiveMQCacheableMailQueue {
    static final long JOURNAL_LIMIT = 4L * 1024 * 1024;

    private final int maxSenders;
    private final BlockingQueue<Sender> idle;
    private final List<Sender> all = new ArrayList<>();

    /** A session and its producer: JMS sessions are single-threaded, so a sender serves one enqueue at a time. */
    private static final class Sender {
        final ActiveMQSession session;
        final MessageProducer producer;

        Sender(ActiveMQSession session, MessageProducer producer) {
            this.session = session;
            this.producer = producer;
        }
    }

    ParallelSpoolQueue(ConnectionFactory connections, MailQueueItemDecoratorFactory decorators, MailQueueName name,
                       MetricFactory metrics, GaugeRegistry gauges, int maxSenders) {
        super(connections, decorators, name, false, metrics, gauges);
        this.maxSenders = maxSenders;
        this.idle = new ArrayBlockingQueue<>(maxSenders);
    }

    @Override
    protected void produceMail(Map<String, Object> props, int msgPrio, Mail mail) throws JMSException, MessagingException, IOException {
        Sender sender = borrow();
        try {
            Message message = mail.getMessageSize() > JOURNAL_LIMIT
                ? sender.session.createBlobMessage(new MimeMessageInputStream(mail.getMessage()))
                : sender.session.createObjectMessage(content(mail));
            for (Map.Entry<String, Object> property : props.entrySet()) {
                message.setObjectProperty(property.getKey(), property.getValue());
            }
            sender.producer.send(message, Message.DEFAULT_DELIVERY_MODE, msgPrio, Message.DEFAULT_TIME_TO_LIVE);
        } finally {
            idle.add(sender);
        }
    }

    private static byte[] content(Mail mail) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(mail.getMessageSize(), 1024));
        mail.getMessage().writeTo(out);
        return out.toByteArray();
    }

    private Sender borrow() throws JMSException {
        Sender sender = idle.poll();
        if (sender != null) {
            return sender;
        }
        synchronized (all) {
            if (all.size() < maxSenders) {
                ActiveMQSession session = (ActiveMQSession) connection.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
                Sender created = new Sender(session, session.createProducer(queue));
                all.add(created);
                return created;
            }
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted while waiting for a spool session");
        }
    }

    @Override
    public void dispose() {
        synchronized (all) {
            for (Sender sender : all) {
                try {
                    sender.session.close();
                } catch (JMSException e) {
                    // the connection closes below anyway
                }
            }
            all.clear();
        }
        super.dispose();
    }
}
