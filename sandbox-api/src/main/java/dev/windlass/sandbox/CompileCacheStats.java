package dev.windlass.sandbox;

/**
 * What an engine's compile cache has done since the engine was made.
 *
 * @param hits      compiles answered from the cache
 * @param misses    compiles that compiled (a module that failed to compile counts too)
 * @param evictions modules dropped to stay within the size limit
 * @param entries   modules held now (an estimate while evictions are pending)
 * @param bytes     the code and module bytes held now
 */
public record CompileCacheStats(long hits, long misses, long evictions, long entries, long bytes) {
}
