package org.mxsuite.administer;

import static org.mxsuite.administer.AdminErrors.invalid;

import spark.Request;

/** Query parameters the routes share, each refused with a 400 that names it. */
final class QueryParameters {
    private QueryParameters() {
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent. */
    static int wholeNumber(Request request, String name, int min, int max, int fallback) {
        String raw = request.queryParams(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw invalid(name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(name + " must be a whole number");
        }
    }
}
