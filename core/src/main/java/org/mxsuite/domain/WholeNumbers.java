package org.mxsuite.domain;

/** Whole numbers as administrators write them in a query (a page's limit, an offset), each refused with a message naming it. */
public final class WholeNumbers {
    private WholeNumbers() {
    }

    /** {@code raw} as a whole number from {@code min} to {@code max}; {@code fallback} when it is absent (null). */
    public static int parseWithin(String name, String raw, int min, int max, int fallback) {
        if (raw == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(name + " must be a whole number");
        }
        if (value < min || value > max) {
            throw new InvalidSettingException(name + " must be between " + min + " and " + max);
        }
        return value;
    }
}
