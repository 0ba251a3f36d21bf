package org.mxsuite.it.check;

import java.time.Duration;
import java.time.Instant;

import org.mxsuite.it.smtp.CustomerSmtpServer;
import org.mxsuite.it.smtp.ReceivedMessage;

/** The message a test sent, as the customer's server received it, found by its Subject among all that arrived. */
final class Delivered {
    private Delivered() {
    }

    static String withSubject(CustomerSmtpServer customer, String subject) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            for (ReceivedMessage message : customer.messages()) {
                if (message.contentAsString().contains("\r\nSubject: " + subject + "\r\n")) {
                    return message.contentAsString();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no message with Subject: " + subject + " reached the customer's server: " + customer.messages());
    }
}
