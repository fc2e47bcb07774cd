package io.lers4j.emulator;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The engine under the routes: the catalog, the written state, accounts, the clock and the
 * archive computed from them. Routes do not hold it; they read through {@link DataView} and change
 * things through {@link Writes}.
 */
final class Context {

    final Catalog catalog;
    final State state;
    final Accounts accounts;
    final Clock clock;
    final Archive archive;

    Context(Catalog catalog, State state, Accounts accounts, Clock clock) {
        this.catalog = catalog;
        this.state = state;
        this.accounts = accounts;
        this.clock = clock;
        this.archive = new Archive(this);
    }

    /** The server's local time now. */
    LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), Catalog.SERVER_OFFSET);
    }

    /** The start of the current hour: archives hold every hour before it and nothing after. */
    LocalDateTime currentHour() {
        return now().truncatedTo(ChronoUnit.HOURS);
    }
}
