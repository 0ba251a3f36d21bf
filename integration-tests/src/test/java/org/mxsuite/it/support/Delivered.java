package org.mxsuite.it.support;

import java.time.Duration;
import java.time.Instant;


/** The message a test sent, as the customer's server received it, found by its Subject among all that arrived. */
public final class Delivered {
    private Delivered() {
    }

    public static String withSubject(CustomerSmtpServer customer, String subject) throws InterruptedException {
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
