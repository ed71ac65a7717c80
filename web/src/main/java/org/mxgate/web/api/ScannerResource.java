package org.mxgate.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.mxgate.policy.ContentCheck;
import org.mxgate.scan.ScannerHealth;

/** The content scanners (clamd, spamd) and how each has been doing: UP, DOWN or UNKNOWN, counts, the last problem. */
@Path("scanners")
@RequestScoped
public class ScannerResource {

    @Inject
    ContentCheck content;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "viewer"})
    public List<ScannerHealth.State> scanners() {
        return content.scanners();
    }
}
