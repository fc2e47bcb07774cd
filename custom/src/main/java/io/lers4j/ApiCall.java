package io.lers4j;

/** A call through a generated API object, for {@link LersClient#call}. */
@FunctionalInterface
public interface ApiCall<A, R> {
    R call(A api) throws Exception;
}
