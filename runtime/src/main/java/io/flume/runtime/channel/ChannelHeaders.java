package io.flume.runtime.channel;

/**
 * Headers that a channel bridge writes on records it sends to the dead-letter topic.
 *
 * <p>TODO: the {@code flume.error.*} and {@code flume.source.*} names belong with the failure
 * headers of the dead-letter sink; move them to that class once it exists, so both share one
 * definition.
 */
public final class ChannelHeaders {

    /** The name of the channel whose queue was full or whose record could not be read. */
    public static final String CHANNEL = "flume.channel";
    public static final String ERROR_MESSAGE = "flume.error.message";
    public static final String SOURCE_TOPIC = "flume.source.topic";
    public static final String SOURCE_PARTITION = "flume.source.partition";
    public static final String SOURCE_OFFSET = "flume.source.offset";

    private ChannelHeaders() {
    }
}
