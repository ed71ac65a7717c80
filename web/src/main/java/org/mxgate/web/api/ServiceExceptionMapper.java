package org.mxgate.web.api;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.mxgate.admin.ServiceException;

/** A refused request: 400 naming the field, 404 or 409. */
@Provider
public class ServiceExceptionMapper implements ExceptionMapper<ServiceException> {

    @Override
    public Response toResponse(ServiceException e) {
        Response.Status status = switch (e.kind()) {
            case INVALID -> Response.Status.BAD_REQUEST;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
        };
        return Problem.response(status, e.getMessage(), e.field());
    }

    /** The ServiceException inside an EJBException, if that is what it carries. */
    static ServiceException unwrap(Throwable t) {
        while (t != null) {
            if (t instanceof ServiceException s) {
                return s;
            }
            t = t instanceof EJBException ejb && ejb.getCausedByException() != null ? ejb.getCausedByException()
                    : t.getCause();
        }
        return null;
    }
}
