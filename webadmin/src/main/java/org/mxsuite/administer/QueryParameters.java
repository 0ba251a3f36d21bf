package org.mxsuite.administer;

import static org.mxsuite.administer.AdminErrors.invalid;

import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.domain.WholeNumbers;

import spark.Request;

/** Query parameters the routes share, each refused with a 400 that names it. */
final class QueryParameters {
    private QueryParameters() {
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent. */
    static int wholeNumber(Request request, String name, int min, int max, int fallback) {
        try {
            return WholeNumbers.parseWithin(name, request.queryParams(name), min, max, fallback);
        } catch (InvalidSettingException e) {
            throw invalid(e.getMessage());
        }
    }
}
