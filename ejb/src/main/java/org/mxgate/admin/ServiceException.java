package org.mxgate.admin;

import jakarta.ejb.ApplicationException;

/**
 * A request the services refuse, with the reason an operator can act on. The API turns the
 * kind into an HTTP status and the field into the problem's {@code field} member.
 */
@ApplicationException(rollback = true)
public class ServiceException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String field;

    public ServiceException(Kind kind, String field, String detail) {
        super(detail);
        this.kind = kind;
        this.field = field;
    }

    public static ServiceException invalid(String field, String detail) {
        return new ServiceException(Kind.INVALID, field, detail);
    }

    public static ServiceException notFound(String detail) {
        return new ServiceException(Kind.NOT_FOUND, null, detail);
    }

    public static ServiceException conflict(String detail) {
        return new ServiceException(Kind.CONFLICT, null, detail);
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault, or {@code null}. */
    public String field() {
        return field;
    }
}
