package io.lers4j.emulator;

/** Stateless pseudo-random numbers: the same key always gives the same value, so data needs no storage. */
final class Noise {

    private Noise() {
    }

    /** SplitMix64 finaliser: a well-mixed 64-bit hash of {@code z}. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long a, long b, long c) {
        long h = mix(seed + 0x9E3779B97F4A7C15L);
        h = mix(h ^ (a * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L));
        h = mix(h ^ (b * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L));
        return mix(h ^ (c * 0x85EBCA77C2B2AE63L + 0x27D4EB2F165667C5L));
    }

    /** Uniform in [0, 1). */
    static double unit(long seed, long a, long b, long c) {
        return (hash(seed, a, b, c) >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [-1, 1). */
    static double signed(long seed, long a, long b, long c) {
        return unit(seed, a, b, c) * 2 - 1;
    }
}
