package org.mxsuite.domain;

/** A hosted-domain setting that cannot be accepted; the message is shown to the administrator as is. */
public class InvalidSettingException extends IllegalArgumentException {
    public InvalidSettingException(String message) {
        super(message);
    }
}
