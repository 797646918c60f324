package io.flume.runtime.channel;

/**
 * Why a channel bridge sent a record to the dead-letter topic under the {@code dead-letter}
 * overflow policy: the channel's queue stayed full for the stream timeout. Its class name and
 * message become the record's {@code flume.error.class} and {@code flume.error.message} headers.
 */
public final class ChannelOverflowException extends RuntimeException {

    private final String channel;

    public ChannelOverflowException(String channel, String message) {
        super(message);
        this.channel = channel;
    }

    /** Returns the name of the channel that overflowed. */
    public String channel() {
        return channel;
    }
}
