package io.lers4j.benchmarks;

import io.lers4j.HubOptions;
import io.lers4j.HubSubscription;
import io.lers4j.LersClient;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.v01.model.EntityType;
import io.lers4j.v01.model.Operation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hub notifications from the emulator to a {@link io.lers4j.HubListener} over loopback: events per
 * second in batches that must all arrive (a lost or dropped one fails the run), and the time from
 * the server's send to the listener having the event (sampled, one event in flight).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HubBenchmark {

    static final int BATCH = 1000;
    private static final String DATA = "{\"entityType\":\"Node\",\"entityId\":7,\"operation\":\"Updated\",\"entity\":null}";

    private LersEmulator emulator;
    private LersClient lers;
    private HubSubscription subscription;
    private final Semaphore received = new Semaphore(0);
    private final AtomicLong receivedTotal = new AtomicLong();
    private long published;

    @Setup
    public void setUp() throws InterruptedException {
        emulator = LersEmulator.builder().tokenLifetime(Duration.ofHours(24)).start();
        lers = LersClient.builder().baseUrl(emulator.baseUrl())
                .credentials(LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD)
                // a batch fits the buffer: what is measured is delivery, not the drop policy
                .hubOptions(HubOptions.builder().eventBufferSize(BATCH * 2).build())
                .build();
        subscription = lers.hub().subscribe(Operation.ENTITY_CHANGED, EntityType.NODE, 7, event -> {
            receivedTotal.incrementAndGet();
            received.release();
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (emulator.hub().subscriptions() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the subscription did not reach the emulator");
            }
            Thread.sleep(5);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (subscription.droppedEvents() != 0 || receivedTotal.get() != published) {
                throw new IllegalStateException("published " + published + ", received " + receivedTotal.get()
                        + ", dropped " + subscription.droppedEvents());
            }
        } finally {
            subscription.close();
            lers.close();
            emulator.close();
        }
    }

    private void publishAndAwait(int events) throws InterruptedException {
        for (int i = 0; i < events; i++) {
            emulator.hub().publish("ENTITY_CHANGED", "Node", 7, DATA);
        }
        published += events;
        if (!received.tryAcquire(events, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("events lost: " + received.availablePermits() + " of " + events + " arrived");
        }
    }

    /** Events per second, a batch at a time, every one delivered. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public void eventsPerSecond() throws InterruptedException {
        publishAndAwait(BATCH);
    }

    /** From the server's send to the listener (and the waiting thread woken), one event in flight. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void sendToListenerLatency() throws InterruptedException {
        publishAndAwait(1);
    }
}
