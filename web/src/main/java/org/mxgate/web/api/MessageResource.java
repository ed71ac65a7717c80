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
import org.mxgate.queue.QueueService;

/** One queued message: its envelope and history, its stored bytes, its deletion. */
@Path("messages/{id}")
@RequestScoped
public class MessageResource {

    @EJB
    QueueService queue;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public MessageJson get(@PathParam("id") String id) {
        return MessageJson.of(queue.get(id), queue.attempts(id));
    }

    /** The message as stored and as it is forwarded: mxgate's trace header, then the message received. */
    @GET
    @Path("raw")
    @Produces("message/rfc822")
    @RolesAllowed("admin")
    public byte[] raw(@PathParam("id") String id) {
        queue.get(id);
        return queue.content(id).orElseThrow(() -> ServiceException.notFound(
                "message " + id + " was delivered and its content is no longer stored"));
    }

    @DELETE
    @RolesAllowed("admin")
    public Response delete(@PathParam("id") String id) {
        queue.delete(id);
        return Response.noContent().build();
    }
}
