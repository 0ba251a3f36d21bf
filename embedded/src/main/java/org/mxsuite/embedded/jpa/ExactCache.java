package org.mxsuite.embedded.jpa;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * Answers of James's database kept in memory, for a database that only this server writes (Derby's files, which one
 * process opens at a time): every change goes through the repository that owns the cache, which forgets once the
 * change is committed ({@link #forget}), so an answer is never older than the database. A read that raced with a change
 * is not kept: the counter of changes is read before the database is asked and checked after the answer is stored.
 * The expiry is only a bound on memory held by answers nobody asks for again.
 */
final class ExactCache<K, V> {
    private static final int ENTRIES = 100_000;
    private static final Duration UNUSED = Duration.ofMinutes(10);

    private final Cache<K, V> answers = CacheBuilder.newBuilder().maximumSize(ENTRIES).expireAfterAccess(UNUSED).build();
    private final AtomicLong changes = new AtomicLong();

    @FunctionalInterface
    interface Lookup<K, V, E extends Exception> {
        V ask(K key) throws E;
    }

    /** The answer for {@code key}, from memory or from {@code lookup}; an answer failing {@code keep} is not kept. */
    <E extends Exception> V get(K key, Lookup<K, V, E> lookup, Predicate<V> keep) throws E {
        V known = known(key);
        if (known != null) {
            return known;
        }
        long changesBefore = changes();
        V answer = lookup.ask(key);
        if (answer != null && keep.test(answer)) {
            remember(key, answer, changesBefore);
        }
        return answer;
    }

    /** The answer kept for {@code key}, or null. */
    V known(K key) {
        return answers.getIfPresent(key);
    }

    /** The count of changes so far, to be read before the database is asked. */
    long changes() {
        return changes.get();
    }

    /** Keeps an answer the database gave after {@link #changes()} returned {@code changesBefore}, unless it changed since. */
    void remember(K key, V answer, long changesBefore) {
        answers.put(key, answer);
        if (changes.get() != changesBefore) {
            answers.invalidate(key);
        }
    }

    /** After a committed change of {@code key}. */
    void forget(K key) {
        changes.incrementAndGet();
        answers.invalidate(key);
    }

    /** After a committed change that may change any answer. */
    void forgetAll() {
        changes.incrementAndGet();
        answers.invalidateAll();
    }
}
