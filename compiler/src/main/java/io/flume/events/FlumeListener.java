package io.flume.events;

/**
 * Receives the {@link FlumeEvent}s of a registry. Listeners run in the thread that caused the
 * event, one after another in the order they were added, so they should return quickly. An
 * exception thrown by a listener is logged and counted, and never reaches the registry's caller.
 */
@FunctionalInterface
public interface FlumeListener {

    void onEvent(FlumeEvent event);
}
