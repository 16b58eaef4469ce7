package io.jenkins.plugins.adoworkitems.core.ado;

import java.util.List;
import java.util.Optional;

/**
 * A failed call to Azure DevOps with a stable {@link ErrorCode}. The message says what happened in words a person
 * can act on; it never holds credentials, tokens or headers.
 */
public class AdoException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final int httpStatus;
    private final String field;
    private final List<String> allowedValues;

    public AdoException(ErrorCode code, String message) {
        this(code, message, 0, null, List.of(), null);
    }

    public AdoException(ErrorCode code, String message, Throwable cause) {
        this(code, message, 0, null, List.of(), cause);
    }

    public AdoException(ErrorCode code, String message, int httpStatus, String field, List<String> allowedValues,
            Throwable cause) {
        super(message, cause);
        this.code = code;
        this.httpStatus = httpStatus;
        this.field = field;
        this.allowedValues = List.copyOf(allowedValues);
    }

    public ErrorCode code() {
        return code;
    }

    /** The HTTP status Azure DevOps answered with, or 0 when there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The field reference name Azure DevOps complained about, for {@link ErrorCode#FIELD_REJECTED}. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The values the rejected field accepts, when known. */
    public List<String> allowedValues() {
        return allowedValues;
    }

    AdoException withAllowedValues(List<String> values) {
        AdoException copy = new AdoException(code, getMessage() + " Allowed values: " + String.join(", ", values) + ".",
                httpStatus, field, values, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** The message followed by what to do, for build logs and validation pages. */
    public String userMessage() {
        return code + ": " + getMessage() + " " + code.fix();
    }
}
