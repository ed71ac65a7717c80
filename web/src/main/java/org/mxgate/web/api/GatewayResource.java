package org.mxgate.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.mxgate.admin.ServiceException;
import org.mxgate.delivery.QueueRunner;
import org.mxgate.gateway.GatewayService;
import org.mxgate.gateway.GatewaySpec;
import org.mxgate.queue.Conflicts;
import org.mxgate.queue.QueueAdmin;

/** Gateways: list, create, show, change, delete; each gateway's queue and its flush. */
@Path("gateways")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GatewayResource {

    @EJB
    GatewayService gateways;

    @EJB
    QueueAdmin queueAdmin;


    @EJB
    QueueRunner runner;

    @GET
    @RolesAllowed("admin")
    public List<GatewayJson> list() {
        var counts = queueAdmin.countsByGateway();
        return gateways.list().stream().map(g -> GatewayJson.of(g, counts.getOrDefault(g.getDomain(), Map.of())))
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response create(GatewaySpec spec, @Context UriInfo uri) {
        GatewayJson created = GatewayJson.of(gateways.create(required(spec)), Map.of());
        return Response.created(uri.getAbsolutePathBuilder().path(created.domain()).build()).entity(created).build();
    }

    @GET
    @Path("{domain}")
    @RolesAllowed("admin")
    public GatewayJson get(@PathParam("domain") String domain) {
        return json(gateways.get(domain));
    }

    @PUT
    @Path("{domain}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public GatewayJson update(@PathParam("domain") String domain, GatewaySpec spec) {
        return json(gateways.update(domain, required(spec)));
    }

    /** Deletes a gateway; one that still stores mail needs {@code ?purge=true}, which deletes that mail too. */
    @DELETE
    @Path("{domain}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("domain") String domain, @QueryParam("purge") @DefaultValue("false") boolean purge) {
        queueAdmin.deleteGateway(domain, purge);
        return Response.noContent().build();
    }

    @GET
    @Path("{domain}/messages")
    @RolesAllowed("admin")
    public List<MessageJson> messages(@PathParam("domain") String domain,
            @QueryParam("first") @DefaultValue("0") int first, @QueryParam("max") @DefaultValue("100") int max) {
        if (first < 0 || max < 1 || max > 1000) {
            throw ServiceException.invalid(first < 0 ? "first" : "max", "first must be >= 0 and max 1..1000");
        }
        String d = gateways.get(domain).getDomain();
        return queueAdmin.listByGateway(d, first, max).stream().map(m -> MessageJson.of(m, null)).toList();
    }

    /** Makes the gateway's waiting mail due now and starts a queue run. */
    @POST
    @Path("{domain}/flush")
    @RolesAllowed("admin")
    public Map<String, Integer> flush(@PathParam("domain") String domain) {
        String d = gateways.get(domain).getDomain();
        // two instances flushing while each claims the same queue can deadlock in PostgreSQL: again
        int due = Conflicts.retried(() -> queueAdmin.flush(d));
        runner.flush();
        return Map.of("messages", due);
    }

    /** Sets how the domain's servers may collect the gateway's mail: ETRN, ATRN, POP3, from where, with what. */
    @PUT
    @Path("{domain}/collection")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public GatewayJson collection(@PathParam("domain") String domain, org.mxgate.gateway.CollectionSpec spec) {
        if (spec == null) {
            throw new BadRequestException("a JSON object with the collection settings is required");
        }
        return json(gateways.updateCollection(domain, spec));
    }

    private GatewayJson json(org.mxgate.gateway.Gateway g) {
        return GatewayJson.of(g, queueAdmin.countsOf(g.getDomain()), queueAdmin.health(g.getDomain()));
    }

    private static GatewaySpec required(GatewaySpec spec) {
        if (spec == null) {
            throw new BadRequestException("a JSON body is required");
        }
        return spec;
    }
}
