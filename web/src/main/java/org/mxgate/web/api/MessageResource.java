package org.mxgate.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

    @Inject
    QueueActions actions;



    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "viewer"})
    public MessageJson get(@PathParam("id") String id) {
        return MessageJson.of(queueAdmin.get(id), queueAdmin.attempts(id));
    }

    /** The message as stored and as it is forwarded: mxgate's trace header, then the message received. */
    @GET
    @Path("raw")
    @Produces("message/rfc822")
    @RolesAllowed({"admin", "viewer"})
    public byte[] raw(@PathParam("id") String id) {
        queueAdmin.get(id);
        return queueAdmin.content(id).orElseThrow(() -> ServiceException.notFound(
                "message " + id + " was delivered and its content is no longer stored"));
    }

    /** Deletes the message (into the audit log); {@code 409} while it is being delivered. */
    @DELETE
    @RolesAllowed("admin")
    public Response delete(@PathParam("id") String id) {
        queueAdmin.delete(id);
        return Response.noContent().build();
    }

    /** Makes a waiting message due now and starts a queue run (into the audit log); {@code 409} for one that does not wait. */
    @POST
    @Path("retry")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public MessageJson retry(@PathParam("id") String id) {
        return MessageJson.of(actions.retry(id), null);
    }

    /**
     * Lets a quarantined message go: delivered as the gateway's other mail is (a HOLD gateway
     * holds it). Goes into the audit log. {@code 409} for a message not in the quarantine, and
     * with {@code rescan=true} for one the scanners still find (or cannot scan) now.
     */
    @POST
    @Path("release")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public MessageJson release(@PathParam("id") String id, @QueryParam("rescan") @DefaultValue("false") boolean rescan) {
        return MessageJson.of(actions.release(id, rescan), null);
    }
}
