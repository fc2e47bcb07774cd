package io.lers4j.emulator;

/** Stateless pseudo-random numbers: the same key always gives the same value, so data needs no storage. */
final class Noise {

    /** Bits of a hash behind each of the three values {@link #part} takes from it. */
    private static final int PART_BITS = 21;

    private Noise() {
    }

    /** SplitMix64 finaliser: a well-mixed 64-bit hash of {@code z}. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long a, long b, long c) {
        return hash(key(seed, a), b, c);
    }

    /** The part of {@link #hash(long, long, long, long)} that depends on (seed, a) only, for callers that keep it. */
    static long key(long seed, long a) {
        return mix(mix(seed + 0x9E3779B97F4A7C15L) ^ (a * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L));
    }

    /** The same as {@code hash(seed, a, b, c)} for {@code key == key(seed, a)}. */
    static long hash(long key, long b, long c) {
        long h = mix(key ^ (b * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L));
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

    /** The same as {@code signed(seed, a, b, c)} for {@code key == key(seed, a)}. */
    static double signed(long key, long b, long c) {
        return ((hash(key, b, c) >>> 11) * 0x1.0p-53) * 2 - 1;
    }

    /** The i-th (0, 1 or 2) of three independent values uniform in [-1, 1) one hash holds: three for the price of one. */
    static double part(long hash, int i) {
        long bits = (hash >>> (i * PART_BITS)) & ((1L << PART_BITS) - 1);
        return bits * 0x1.0p-20 - 1;
    }
}
