package org.mxsuite.hold;

/** How much a domain holds, against its quota. */
public final class QueueUsage {
    public static final QueueUsage EMPTY = new QueueUsage(0, 0);

    private final long messages;
    private final long bytes;

    public QueueUsage(long messages, long bytes) {
        this.messages = messages;
        this.bytes = bytes;
    }

    public long messages() {
        return messages;
    }

    public long bytes() {
        return bytes;
    }

    public QueueUsage plus(QueueUsage other) {
        return new QueueUsage(messages + other.messages, bytes + other.bytes);
    }

    /** What is left once {@code other} is taken off; never below nothing. */
    public QueueUsage less(QueueUsage other) {
        return new QueueUsage(Math.max(messages - other.messages, 0), Math.max(bytes - other.bytes, 0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueUsage && ((QueueUsage) o).messages == messages && ((QueueUsage) o).bytes == bytes;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(messages) * 31 + Long.hashCode(bytes);
    }

    @Override
    public String toString() {
        return messages + " messages, " + bytes + " bytes";
    }
}
