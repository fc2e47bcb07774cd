package io.lers4j;

/** A call through a generated API that returns nothing (saves, patches), for {@link LersClient#run}. */
@FunctionalInterface
public interface ApiAction<A> {
    void run(A api) throws Exception;
}
