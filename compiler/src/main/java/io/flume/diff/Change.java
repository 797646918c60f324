package io.flume.diff;

/**
 * One difference between two schemas.
 *
 * @param area what differs: {@code node}, {@code store}, {@code topic} or {@code stream}
 * @param kind whether the subject was added, removed or changed
 * @param subject the node path, store, topic or stream name
 * @param detail what changed, for {@link Kind#CHANGED}; the old and the new value
 * @param live true when the change is applied to running processors without a restart
 */
public record Change(String area, Kind kind, String subject, String detail, boolean live) {

    /** The kind of difference: added, removed or changed. */
    public enum Kind {
        ADDED("+"), REMOVED("-"), CHANGED("~");

        private final String sign;

        Kind(String sign) {
            this.sign = sign;
        }

        public String sign() {
            return sign;
        }
    }

    @Override
    public String toString() {
        return kind.sign() + " " + area + " " + subject + (detail == null || detail.isEmpty() ? "" : ": " + detail)
                + (live ? " (live)" : "");
    }
}
