package io.lers4j;

/**
 * Receives the events of one {@link HubSubscription}, one at a time and in the order the server
 * sent them, on a thread of the hub's own (never the connection's reader): a slow listener delays
 * only itself, and when its buffer ({@link HubOptions#eventBufferSize()}) is full, new events are
 * dropped for it and counted ({@link HubSubscription#droppedEvents()}). An exception it throws is
 * logged and the next event is delivered as usual.
 */
@FunctionalInterface
public interface HubListener {

    void onEvent(HubEvent event);

    /**
     * The subscription has ended and no more events come: {@code failure} is null when it was
     * closed (by {@link HubSubscription#close()} or the hub's close), else why it ended (the
     * server refused it or closed the connection for good, the hub could not reconnect).
     */
    default void onEnd(LersException failure) {
    }
}
