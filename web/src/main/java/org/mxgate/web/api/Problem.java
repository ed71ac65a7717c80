package org.mxgate.web.api;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail. {@code field} names the request member at fault, when there is one.
 */
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(Response.StatusType status, String detail, String field) {
        return Response.status(status.getStatusCode())
                .type(MEDIA_TYPE)
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, field))
                .build();
    }
}
