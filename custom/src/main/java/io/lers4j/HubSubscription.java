package io.lers4j;

import io.lers4j.v01.model.EntityType;
import io.lers4j.v01.model.Operation;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscription of a {@link ServerHub}: the events of one operation about one entity (or any
 * entity, for an id of 0 or less; or of any type, for {@code EntityType.EMPTY}), kept across
 * reconnects. Events are delivered to its listener, or held for {@link #next(Duration)}, and to
 * every subscriber of {@link #events()}, each with its own bounded buffer.
 *
 * <p>{@link #close()} ends it: nothing more is delivered. No hub method to unsubscribe is known,
 * so by default the server is not told and goes on sending these events until the connection
 * ends; {@link HubOptions.Builder#unsubscribeMethod(String)} names one where a server has it.
 */
public final class HubSubscription implements AutoCloseable {

    private static final System.Logger LOG = Loggers.HUB;

    private final ServerHub hub;
    private final Operation operation;
    private final EntityType entityType;
    private final int entityId;
    private final SubmissionPublisher<HubEvent> publisher;
    private final Pull pull;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean dropLogged = new AtomicBoolean();
    private volatile LersException failure;

    /** {@code listener} null: the events are held for {@link #next(Duration)}. */
    HubSubscription(ServerHub hub, Operation operation, EntityType entityType, int entityId, HubListener listener,
                    Executor delivery, int bufferSize) {
        this.hub = hub;
        this.operation = operation;
        this.entityType = entityType;
        this.entityId = Math.max(0, entityId);
        this.publisher = new SubmissionPublisher<>(delivery, bufferSize);
        // attached before the server is asked, so that no event is missed
        if (listener != null) {
            this.pull = null;
            subscribe(new ListenerSubscriber(listener));
        } else {
            this.pull = new Pull(bufferSize);
            subscribe(pull);
        }
    }

    public Operation operation() {
        return operation;
    }

    public EntityType entityType() {
        return entityType;
    }

    /** The entity's id; 0 for any entity. */
    public int entityId() {
        return entityId;
    }

    /**
     * This subscription's events from now on, for any number of {@link Flow.Subscriber}s, each
     * with a buffer of {@link HubOptions#eventBufferSize()} events: when a subscriber's buffer is
     * full, a new event is dropped for it (and counted in {@link #droppedEvents()}), the others
     * still get it. At the end subscribers get {@code onComplete}, or {@code onError} with the
     * {@link #failure()}, after the events already buffered for them.
     */
    public Flow.Publisher<HubEvent> events() {
        return this::subscribe;
    }

    private void subscribe(Flow.Subscriber<? super HubEvent> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        publisher.subscribe(new FailureAtEnd<>(subscriber, this::failureOrNull));
    }

    /**
     * The next event, waiting up to {@code timeout}; empty when none came in time, or when the
     * subscription was closed and every event has been taken. For a subscription made with
     * {@link ServerHub#subscribe(Operation, EntityType, Integer)} only (one with a listener has
     * its events delivered to it).
     *
     * @throws LersHubException when the subscription failed and every event before it has been taken
     */
    public Optional<HubEvent> next(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (pull == null) {
            throw new IllegalStateException("This subscription delivers its events to its listener; next() is for "
                    + "subscriptions made without one");
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        try {
            return pull.next(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LersHubException("Interrupted while waiting for an event of " + this, "", null, false, e);
        }
    }

    /** Events dropped because a consumer of this subscription was too slow (over all its consumers). */
    public long droppedEvents() {
        return dropped.get();
    }

    /** Not closed and not failed. */
    public boolean isActive() {
        return !ended.get();
    }

    /** Why the subscription ended, if it failed. */
    public Optional<LersException> failure() {
        return Optional.ofNullable(failure);
    }

    private LersException failureOrNull() {
        return failure;
    }

    /** Stops the delivery; the events already buffered are still delivered. Idempotent. */
    @Override
    public void close() {
        if (end(null)) {
            hub.unsubscribed(this);
        }
    }

    boolean matches(HubEvent e) {
        return e.operation().equals(operation)
                && (EntityType.EMPTY.equals(entityType) || e.entityType().equals(entityType))
                && (entityId == 0 || e.entityId() == entityId);
    }

    /** Hands the event to every consumer; never blocks, never throws. */
    void offer(HubEvent e) {
        if (ended.get()) {
            return;
        }
        try {
            publisher.offer(e, (subscriber, event) -> {
                dropped.incrementAndGet();
                hub.countDrop();
                if (dropLogged.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, () -> "A consumer of " + this + " is slower than its events arrive: events "
                            + "are dropped for it once its buffer is full (" + publisher.getMaxBufferCapacity()
                            + " events); droppedEvents() counts them");
                }
                return false;
            });
        } catch (RuntimeException closedMeanwhile) {
            // closed by another thread, or the delivery threads are shut down with the hub
        }
    }

    /** Ends the subscription: true for the call that did. */
    boolean end(LersException why) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        failure = why;
        publisher.close();
        return true;
    }

    @Override
    public String toString() {
        return "HubSubscription[" + Excerpt.of(operation.getValue()) + " " + Excerpt.of(entityType.getValue()) + " "
                + (entityId == 0 ? "any" : String.valueOf(entityId)) + (isActive() ? "" : ", ended") + "]";
    }

    /** Turns the publisher's normal end into {@code onError} when the subscription (or the hub) failed. */
    static final class FailureAtEnd<T> implements Flow.Subscriber<T> {
        private final Flow.Subscriber<? super T> delegate;
        private final java.util.function.Supplier<LersException> failure;

        FailureAtEnd(Flow.Subscriber<? super T> delegate, java.util.function.Supplier<LersException> failure) {
            this.delegate = delegate;
            this.failure = failure;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            delegate.onSubscribe(subscription);
        }

        @Override
        public void onNext(T item) {
            delegate.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            delegate.onError(throwable);
        }

        @Override
        public void onComplete() {
            LersException f = failure.get();
            if (f != null) {
                delegate.onError(f);
            } else {
                delegate.onComplete();
            }
        }
    }

    /** Calls the listener; what it throws is logged, and the next event comes as usual. */
    private final class ListenerSubscriber implements Flow.Subscriber<HubEvent> {
        private final HubListener listener;

        ListenerSubscriber(HubListener listener) {
            this.listener = listener;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(HubEvent event) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "The listener of " + HubSubscription.this + " threw "
                        + hub.redact(Excerpt.describe(e)) + "; the next event is delivered as usual");
            }
        }

        @Override
        public void onError(Throwable throwable) {
            notifyEnd(throwable instanceof LersException ? (LersException) throwable
                    : new LersHubException("Delivery of " + HubSubscription.this + " failed: "
                    + hub.redact(Excerpt.describe(throwable)), "", null, false, throwable));
        }

        @Override
        public void onComplete() {
            notifyEnd(null);
        }

        private void notifyEnd(LersException why) {
            try {
                listener.onEnd(why);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "The listener of " + HubSubscription.this + " threw "
                        + hub.redact(Excerpt.describe(e)) + " from onEnd");
            }
        }
    }

    /** Holds events for next(): asks the publisher for as many as it has room for. */
    private static final class Pull implements Flow.Subscriber<HubEvent> {
        private static final Object END = new Object();

        private final int capacity;
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private volatile Throwable failure;

        Pull(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(capacity);
        }

        @Override
        public void onNext(HubEvent event) {
            queue.add(event); // never more than requested, so at most capacity
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
            queue.add(END);
        }

        @Override
        public void onComplete() {
            queue.add(END);
        }

        Optional<HubEvent> next(Duration timeout) throws InterruptedException {
            long nanos;
            try {
                nanos = timeout.toNanos();
            } catch (ArithmeticException longerThanCenturies) {
                nanos = Long.MAX_VALUE;
            }
            Object o = queue.poll(nanos, TimeUnit.NANOSECONDS);
            if (o == null) {
                return Optional.empty();
            }
            if (o == END) {
                queue.add(END); // every later call ends the same way
                Throwable f = failure;
                if (f instanceof LersException) {
                    LersException e = (LersException) f;
                    throw new LersHubException(e.getMessage(), e.operation(),
                            e instanceof LersHubException ? ((LersHubException) e).serverError().orElse(null) : null,
                            true, e);
                }
                return Optional.empty();
            }
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(1);
            }
            return Optional.of((HubEvent) o);
        }
    }
}
