package org.mxsuite.administer;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.eclipse.jetty.http.HttpStatus;

/** Errors in WebAdmin's JSON format ({@code statusCode}, {@code type}, {@code message}), ending the request. */
final class AdminErrors {
    private AdminErrors() {
    }

    static RuntimeException invalid(String message) {
        return halt(HttpStatus.BAD_REQUEST_400, ErrorType.INVALID_ARGUMENT, message);
    }

    static RuntimeException notFound(String message) {
        return halt(HttpStatus.NOT_FOUND_404, ErrorType.NOT_FOUND, message);
    }

    static RuntimeException conflict(String message) {
        return halt(HttpStatus.CONFLICT_409, ErrorType.WRONG_STATE, message);
    }

    private static RuntimeException halt(int status, ErrorType type, String message) {
        return ErrorResponder.builder().statusCode(status).type(type).message(message).haltError();
    }
}
