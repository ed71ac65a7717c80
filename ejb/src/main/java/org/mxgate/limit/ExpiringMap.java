package org.mxgate.limit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Answers kept in memory until each one's time is up, at most {@code max} of them: when it is
 * full, the stale ones are let go, and if that is not enough, all (a flood of ever new keys,
 * such as RCPTs to random domains or clients from random addresses, cannot fill the memory).
 */
public final class ExpiringMap<K, V> {

    private record Kept<V>(V value, long until) {
    }

    private final int max;
    private final LongSupplier nanoTime;
    private final Map<K, Kept<V>> kept = new ConcurrentHashMap<>();

    /** @param nanoTime the clock, {@code System::nanoTime} but in tests */
    public ExpiringMap(int max, LongSupplier nanoTime) {
        this.max = max;
        this.nanoTime = nanoTime;
    }

    /** The value kept for {@code key}, if its time is not up. */
    public Optional<V> get(K key) {
        Kept<V> k = kept.get(key);
        return k != null && nanoTime.getAsLong() - k.until() < 0 ? Optional.of(k.value()) : Optional.empty();
    }

    /** Keeps {@code value} for {@code key} for {@code time}. */
    public void put(K key, V value, Duration time) {
        long now = nanoTime.getAsLong();
        if (kept.size() >= max) {
            kept.values().removeIf(k -> now - k.until() >= 0);
            if (kept.size() >= max) {
                kept.clear();
            }
        }
        kept.put(key, new Kept<>(value, now + time.toNanos()));
    }

    public void remove(K key) {
        kept.remove(key);
    }

    /** Lets go of every value whose key {@code drop} picks. */
    public void removeIf(java.util.function.Predicate<K> drop) {
        kept.keySet().removeIf(drop);
    }

    public void clear() {
        kept.clear();
    }

    /** How many values are kept now, stale ones included. */
    public int size() {
        return kept.size();
    }
}
