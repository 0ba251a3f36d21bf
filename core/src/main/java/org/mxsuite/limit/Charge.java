package org.mxsuite.limit;

import java.util.Locale;

/** An amount to count against one limit: which counter, over which window, how much at most, and how much now. */
public final class Charge {
    private final String counter;
    private final Window window;
    private final long limit;
    private final long amount;
    private final String description;
    private final String whose;

    /**
     * {@code counter}: whose and what ({@code domain/example.com/messages}); {@code description} and {@code whose}:
     * how replies name the limit ("message limit" and "example.com" give "Daily message limit of 10 for example.com").
     */
    public Charge(String counter, Window window, long limit, long amount, String description, String whose) {
        if (limit < 0 || amount < 0) {
            throw new IllegalArgumentException("negative limit or amount: " + limit + ", " + amount);
        }
        this.counter = counter;
        this.window = window;
        this.limit = limit;
        this.amount = amount;
        this.description = description;
        this.whose = whose;
    }

    /** The counter's name in the store: its subject and its window, so that daily and monthly counts never share a row. */
    public String key() {
        return counter + "/" + window.name();
    }

    public Window window() {
        return window;
    }

    public long limit() {
        return limit;
    }

    public long amount() {
        return amount;
    }

    /** "Daily message limit of 10000 for example.com". */
    public String limitName() {
        String adjective = window.adjective();
        return adjective.substring(0, 1).toUpperCase(Locale.ROOT) + adjective.substring(1) + " " + description + " of " + limit + " for " + whose;
    }

    @Override
    public String toString() {
        return key() + " +" + amount + " (limit " + limit + ")";
    }
}
