package org.mxgate.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.mxgate.admin.ServiceException;
import org.mxgate.queue.QueueAdmin;

/** One queued message: its envelope and history, its stored bytes, its deletion. */
@Path("messages/{id}")
@RequestScoped
public class MessageResource {

    @EJB
    QueueAdmin queueAdmin;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public MessageJson get(@PathParam("id") String id) {
        return MessageJson.of(queueAdmin.get(id), queueAdmin.attempts(id));
    }

    /** The message as stored and as it is forwarded: mxgate's trace header, then the message received. */
    @GET
    @Path("raw")
    @Produces("message/rfc822")
    @RolesAllowed("admin")
    public byte[] raw(@PathParam("id") String id) {
        queueAdmin.get(id);
        return queueAdmin.content(id).orElseThrow(() -> ServiceException.notFound(
                "message " + id + " was delivered and its content is no longer stored"));
    }

    @DELETE
    @RolesAllowed("admin")
    public Response delete(@PathParam("id") String id) {
        queueAdmin.delete(id);
        return Response.noContent().build();
    }
}
