package org.mxsuite.dkim;

import java.util.Base64;

/** A key's private part as text, for tests that look for it where it must not be (answers, logs). */
public final class PrivateKeys {
    private PrivateKeys() {
    }

    public static String base64(DkimKey key) {
        return Base64.getEncoder().encodeToString(key.privateKey());
    }
}
