package org.mxgate.web.api;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every other failure as a problem: the status a JAX-RS exception carries, 400 for a body that
 * is not the JSON expected, and 500 (logged, never shown) for anything else.
 */
@Provider
public class FallbackExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(FallbackExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        var service = ServiceExceptionMapper.unwrap(e);
        if (service != null) {
            return new ServiceExceptionMapper().toResponse(service);
        }
        if (e instanceof WebApplicationException w) {
            Response.StatusType status = w.getResponse().getStatusInfo();
            if (w.getCause() instanceof JsonbException || w.getCause() instanceof ProcessingException) {
                return notJson(w.getCause());
            }
            return Problem.response(status, w.getMessage(), null);
        }
        if (e instanceof JsonbException || e instanceof ProcessingException) {
            return notJson(e);
        }
        LOG.log(Level.WARNING, "API request failed: " + e, e);
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "internal error; see the server log", null);
    }

    /** 400 with the parser's reason, cut short: the reason may quote the body, which is not echoed. */
    private static Response notJson(Throwable e) {
        String reason = String.valueOf(e.getMessage());
        if (reason.length() > 160) {
            reason = reason.substring(0, 160) + "...";
        }
        return Problem.response(Response.Status.BAD_REQUEST, "request body is not valid JSON for this resource: "
                + reason, null);
    }
}
