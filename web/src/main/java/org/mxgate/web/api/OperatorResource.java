package org.mxgate.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDateTime;
import java.util.List;
import org.mxgate.admin.Operators;
import org.mxgate.admin.ServiceException;

/**
 * Named operators: {@code GET /api/operators}; {@code PUT /api/operators/{name}} with
 * {@code {"role": "admin"|"viewer", "password": …}} creates one ({@code 201}) or changes its role
 * and, when given, its password ({@code 200}); {@code DELETE} removes it. Passwords are never shown.
 */
@Path("operators")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OperatorResource {

    public record OperatorJson(String name, String role, LocalDateTime createdAt) {
    }

    public record OperatorSpec(String role, String password) {
    }

    @EJB
    Operators operators;

    @GET
    @RolesAllowed({"admin", "viewer"})
    public List<OperatorJson> list() {
        return operators.list().stream().map(o -> new OperatorJson(o.getName(), o.getRole(), o.getCreatedAt())).toList();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response set(@PathParam("name") String name, OperatorSpec spec) {
        if (spec == null) {
            throw ServiceException.invalid("role", "a body {\"role\": …, \"password\": …} is required");
        }
        boolean created = operators.set(name, spec.role(), spec.password());
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).build();
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed("admin")
    public Response remove(@PathParam("name") String name) {
        if (!operators.remove(name)) {
            throw ServiceException.notFound("no operator " + name);
        }
        return Response.noContent().build();
    }
}
