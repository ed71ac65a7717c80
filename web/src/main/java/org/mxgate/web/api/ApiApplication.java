package org.mxgate.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The JSON API under {@code /api}; reading needs the {@code admin} or {@code viewer} role, changing {@code admin}. */
@ApplicationPath("api")
public class ApiApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // Jersey enforces @RolesAllowed only with this feature registered.
        return Map.of("jersey.config.server.provider.classnames",
                "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature");
    }
}
