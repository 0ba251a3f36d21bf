package org.mxsuite.relay;

/**
 * How many relays one recipient of a message counts for: 1 up to 10 MB, then one more per started 10 MB (10 to under
 * 20 MB: 2, ... 40 to under 50 MB: 5), and 6 at exactly 50 MB, the largest message accepted. MB is 2^20 bytes, the
 * unit of James's {@code maxmessagesize} (51200 KB = 50 MB).
 */
public final class MessageWeight {
    public static final long MB = 1024L * 1024L;
    public static final long MAX_MESSAGE_SIZE = 50 * MB;

    private MessageWeight() {
    }

    public static int of(long sizeInBytes) {
        if (sizeInBytes < 0) {
            throw new IllegalArgumentException("negative size " + sizeInBytes);
        }
        return (int) Math.min(6, sizeInBytes / (10 * MB) + 1);
    }

    /** Relays a message of {@code sizeInBytes} to {@code recipients} recipients counts for. */
    public static int relays(int recipients, long sizeInBytes) {
        return Math.multiplyExact(recipients, of(sizeInBytes));
    }
}
