package dev.windlass.sandbox;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.function.Function;

/**
 * An engine's compiled modules, by the exact bytes they were compiled from (Caffeine, weighed
 * by code plus module bytes but at least {@link #MIN_ENTRY_WEIGHT} each, so bounded in entries
 * as well as bytes; least recently used first out).
 *
 * <p><b>Why not a SHA-256 key.</b> Hashing 1 MiB with SHA-256 takes about 0.8 ms on these
 * machines (a CRC32C still 20 µs); a hit must cost tens of microseconds. A module is instead
 * known by its bytes: the hash samples 256 of them spread over the module, plus its length, and
 * a hit is confirmed by comparing all the bytes (~25 µs per MiB, vectorized). Exact equality
 * lets no crafted collision pass, where a digest or checksum alone would let a hostile tenant's
 * module stand in for another's. Colliding keys (easy to craft against any cheap hash) only
 * share a bin, and keys are {@link Comparable}, so a bin flooded with them becomes a tree and a
 * lookup stays logarithmic.
 *
 * <p>Eviction only drops the cache's reference: a {@link Module} still referenced (by the
 * application or by its instances) keeps its code mapped; its code is unmapped when it becomes
 * unreachable, cached or not.
 */
final class ModuleCache {

    /** What a cached module is known by: its bytes, and their checksum for hashing. */
    private record Key(byte[] bytes, int hash) implements Comparable<Key> {
        private static final int SAMPLES = 256;

        static Key of(byte[] bytes) {
            int hash = bytes.length;
            int step = Math.max(1, bytes.length / SAMPLES);
            for (int i = bytes.length - 1; i >= 0; i -= step) { // from the end: the last byte always counts
                hash = 31 * hash + bytes[i];
            }
            return new Key(bytes, hash);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == hash && Arrays.equals(key.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public int compareTo(Key other) {
            int byHash = Integer.compare(hash, other.hash);
            return byHash != 0 ? byHash : Arrays.compare(bytes, other.bytes);
        }
    }

    private final Cache<Key, Module> cache;

    /**
     * The least an entry weighs, whatever its size: a module's code is mappings (the code and its
     * guard pages) and, in guard-page mode, a slot of the process-wide code-range table, and the
     * process has about 65,000 mappings for everyone (Linux's {@code vm.max_map_count}). So the
     * default 256 MiB cache keeps at most 1,024 modules, however small they are.
     */
    static final long MIN_ENTRY_WEIGHT = 256 * 1024;

    /** A cache holding at most {@code maxBytes} of code and module bytes, each entry counted as at least {@link #MIN_ENTRY_WEIGHT}. */
    ModuleCache(long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Module module) -> (int) Math.min(Integer.MAX_VALUE,
                        Math.max(MIN_ENTRY_WEIGHT, (long) key.bytes().length + module.codeSize())))
                .recordStats()
                .build();
    }

    /**
     * {@return the module compiled from {@code wasm}}: the cached one if these exact bytes were
     * compiled before, else {@code compile}'s, cached. Nothing is cached when compiling throws.
     * Two threads missing at once may both compile; one result is kept and returned to both.
     */
    Module get(byte[] wasm, Function<byte[], Module> compile) {
        Key probe = Key.of(wasm);
        Module cached = cache.getIfPresent(probe);
        if (cached != null) {
            return cached;
        }
        byte[] copy = wasm.clone(); // the caller may change its array afterwards
        Module compiled = compile.apply(copy);
        Module raced = cache.asMap().putIfAbsent(new Key(copy, probe.hash()), compiled);
        return raced != null ? raced : compiled;
    }

    CompileCacheStats stats() {
        cache.cleanUp(); // pending evictions and weights settle first
        var stats = cache.stats();
        return new CompileCacheStats(stats.hitCount(), stats.missCount(), stats.evictionCount(),
                cache.estimatedSize(), cache.policy().eviction().orElseThrow().weightedSize().orElse(0));
    }

    /** Waits for pending evictions; for tests. */
    void cleanUp() {
        cache.cleanUp();
    }

    /** Drops every cached module (modules still referenced elsewhere keep working). */
    void invalidateAll() {
        cache.invalidateAll();
    }
}
