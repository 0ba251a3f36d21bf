package org.mxsuite.embedded.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ExactCacheTest {
    private final ExactCache<String, Boolean> cache = new ExactCache<>();
    private final AtomicInteger asked = new AtomicInteger();

    @Test
    void aKeptAnswerIsNotAskedAgainUntilForgotten() {
        assertThat(cache.get("a", this::yes, answer -> true)).isTrue();
        assertThat(cache.get("a", this::yes, answer -> true)).isTrue();
        assertThat(asked).hasValue(1);

        cache.forget("a");
        cache.get("a", this::yes, answer -> true);
        assertThat(asked).hasValue(2);
    }

    @Test
    void anAnswerFailingKeepIsAskedEachTime() {
        cache.get("a", key -> false, Boolean::booleanValue);
        assertThat(cache.known("a")).isNull();
    }

    @Test
    void forgetAllForgetsEveryKey() {
        cache.get("a", this::yes, answer -> true);
        cache.get("b", this::yes, answer -> true);
        cache.forgetAll();
        assertThat(cache.known("a")).isNull();
        assertThat(cache.known("b")).isNull();
    }

    @Test
    void anAnswerReadWhileTheDataChangedIsNotKept() {
        // the change commits after the database answered and before the answer is kept: the answer may be old
        assertThat(cache.get("a", key -> {
            cache.forget("other");
            return true;
        }, answer -> true)).isTrue();
        assertThat(cache.known("a")).isNull();
    }

    @Test
    void anAnswerRememberedAfterAChangeIsDropped() {
        long before = cache.changes();
        cache.forgetAll();
        cache.remember("a", true, before);
        assertThat(cache.known("a")).isNull();

        cache.remember("a", true, cache.changes());
        assertThat(cache.known("a")).isTrue();
    }

    private Boolean yes(String key) {
        asked.incrementAndGet();
        return true;
    }
}
