package org.mxgate.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import org.mxgate.gateway.GatewayService;
import org.mxgate.gateway.GatewaySpec;
import org.mxgate.gateway.SenderAccounts;
import org.mxgate.gateway.ContentSpec;
import org.mxgate.gateway.SenderSpec;
import org.mxgate.gateway.VerificationSpec;
import org.mxgate.queue.QueueAdmin;
import org.mxgate.verify.RecipientVerifier;
import org.mxgate.verify.VerificationStore;

/**
 * Gateways: list, create, show, change, delete; each gateway's queue and its flush, how its mail
 * is collected, and how its recipients are verified (with its address list and cached answers).
 */
@Path("gateways")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GatewayResource {

    @jakarta.inject.Inject
    QueueActions actions;

    @EJB
    GatewayService gateways;

    @EJB
    QueueAdmin queueAdmin;



    @EJB
    VerificationStore verificationStore;

    @EJB
    SenderAccounts senderAccounts;

    @Inject
    RecipientVerifier verifier;

    @GET
    @RolesAllowed({"admin", "viewer"})
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
    @RolesAllowed({"admin", "viewer"})
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
    @RolesAllowed({"admin", "viewer"})
    public List<MessageJson> messages(@PathParam("domain") String domain,
            @QueryParam("first") @DefaultValue("0") int first, @QueryParam("max") @DefaultValue("100") int max) {
        checkPage(first, max);
        String d = gateways.get(domain).getDomain();
        return queueAdmin.listByGateway(d, first, max).stream().map(m -> MessageJson.of(m, null)).toList();
    }

    /** The gateway's quarantined messages (held by its content filter), oldest first, each with its reason. */
    @GET
    @Path("{domain}/quarantine")
    @RolesAllowed({"admin", "viewer"})
    public List<MessageJson> quarantine(@PathParam("domain") String domain,
            @QueryParam("first") @DefaultValue("0") int first, @QueryParam("max") @DefaultValue("100") int max) {
        checkPage(first, max);
        String d = gateways.get(domain).getDomain();
        return queueAdmin.quarantined(d, first, max).stream().map(m -> MessageJson.of(m, null)).toList();
    }

    private static void checkPage(int first, int max) {
        if (first < 0 || max < 1 || max > 1000) {
            throw ServiceException.invalid(first < 0 ? "first" : "max", "first must be >= 0 and max 1..1000");
        }
    }

    /** Makes the gateway's waiting mail due now and starts a queue run. */
    @POST
    @Path("{domain}/flush")
    @RolesAllowed("admin")
    public Map<String, Integer> flush(@PathParam("domain") String domain) {
        return Map.of("messages", actions.flush(gateways.get(domain).getDomain()));
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

    /** Sets how the gateway verifies recipients before it answers RCPT, and what it does when it cannot. */
    @PUT
    @Path("{domain}/verification")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public GatewayJson verification(@PathParam("domain") String domain, VerificationSpec spec) {
        if (spec == null) {
            throw new BadRequestException("a JSON object with the verification settings is required");
        }
        return json(gateways.updateVerification(domain, spec));
    }

    /** Sets what the gateway asks of senders: an SPF fail refused or only stamped, authentication for its own domain. */
    @PUT
    @Path("{domain}/senders")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public GatewayJson senders(@PathParam("domain") String domain, SenderSpec spec) {
        if (spec == null) {
            throw new BadRequestException("a JSON object with the sender settings is required");
        }
        return json(gateways.updateSenders(domain, spec));
    }

    /** Sets what the gateway's mail is checked for before it is taken: scanners, spam scores, attachments, size. */
    @PUT
    @Path("{domain}/content")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public GatewayJson content(@PathParam("domain") String domain, ContentSpec spec) {
        if (spec == null) {
            throw new BadRequestException("a JSON object with the content filter settings is required");
        }
        return json(gateways.updateContent(domain, spec));
    }

    /** The addresses with a sender account (SMTP AUTH on the SMTP port) in the gateway's domain. */
    @GET
    @Path("{domain}/senders/accounts")
    @RolesAllowed({"admin", "viewer"})
    public List<String> senderAccounts(@PathParam("domain") String domain) {
        return senderAccounts.addresses(domain);
    }

    /** Creates (201) or changes (200) the sender account of an address in the gateway's domain: {@code {"password": …}}. */
    @PUT
    @Path("{domain}/senders/accounts/{address}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response senderAccount(@PathParam("domain") String domain, @PathParam("address") String address,
            Map<String, String> body) {
        if (body == null) {
            throw new BadRequestException("a JSON object with the password is required");
        }
        boolean created = senderAccounts.set(domain, address, body.get("password"));
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK)
                .entity(Map.of("address", address.strip().toLowerCase(java.util.Locale.ROOT))).build();
    }

    /** Removes a sender account. */
    @DELETE
    @Path("{domain}/senders/accounts/{address}")
    @RolesAllowed("admin")
    public Response removeSenderAccount(@PathParam("domain") String domain, @PathParam("address") String address) {
        if (!senderAccounts.remove(domain, address)) {
            throw ServiceException.notFound("no sender account " + address + " in " + domain);
        }
        return Response.noContent().build();
    }

    /** Forgets the verification answers kept for the gateway's addresses: each is asked again. */
    @DELETE
    @Path("{domain}/verification/cache")
    @RolesAllowed("admin")
    public Map<String, Integer> flushVerificationCache(@PathParam("domain") String domain) {
        int forgotten = verificationStore.forget(domain);
        verifier.forget(domain);
        return Map.of("forgotten", forgotten);
    }

    /** The gateway's address list (LIST verification), one entry per line. */
    @GET
    @Path("{domain}/recipients")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed({"admin", "viewer"})
    public String recipients(@PathParam("domain") String domain) {
        List<String> entries = verificationStore.entries(domain);
        return entries.isEmpty() ? "" : String.join("\n", entries) + "\n";
    }

    /** Replaces the gateway's address list by the text uploaded: one address or pattern per line, # comments. */
    @PUT
    @Path("{domain}/recipients")
    @Consumes(MediaType.TEXT_PLAIN)
    @RolesAllowed("admin")
    public Map<String, Integer> replaceRecipients(@PathParam("domain") String domain, String text) {
        return Map.of("recipients", verificationStore.store(domain, lines(text), true));
    }

    /** Adds the addresses or patterns uploaded (one per line) to the gateway's address list. */
    @POST
    @Path("{domain}/recipients")
    @Consumes(MediaType.TEXT_PLAIN)
    @RolesAllowed("admin")
    public Map<String, Integer> addRecipients(@PathParam("domain") String domain, String text) {
        return Map.of("recipients", verificationStore.store(domain, lines(text), false));
    }

    /** Removes one address or pattern from the gateway's address list. */
    @DELETE
    @Path("{domain}/recipients/{entry}")
    @RolesAllowed("admin")
    public Response removeRecipient(@PathParam("domain") String domain, @PathParam("entry") String entry) {
        if (!verificationStore.remove(domain, entry)) {
            throw ServiceException.notFound("'" + entry + "' is not on the address list of " + domain);
        }
        return Response.noContent().build();
    }

    private static List<String> lines(String text) {
        if (text == null || text.isBlank()) {
            throw new BadRequestException("a text body with one address or pattern per line is required");
        }
        return List.of(text.split("\r?\n"));
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
