package io.lers4j;

/** Where a {@link ServerHub}'s connection is. */
public enum HubState {
    /** Not connected yet: the hub connects on the first subscription (again, after a first connection failed). */
    DISCONNECTED,
    /** Connecting for the first time. */
    CONNECTING,
    /** Connected, handshake done: events arrive. */
    CONNECTED,
    /** The connection was lost and is being made anew; subscriptions are sent again once it is. */
    RECONNECTING,
    /** Closed for good, by {@link ServerHub#close()} or because the server refused to go on. */
    CLOSED
}
