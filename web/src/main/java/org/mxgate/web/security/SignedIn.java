package org.mxgate.web.security;

import java.io.Serializable;
import java.util.Set;
import org.mxgate.admin.AdminCredentials;

/** The operator signed in to a session of the pages, kept in the session under {@link #ATTRIBUTE}. */
public record SignedIn(String name, Set<String> roles) implements Serializable {

    static final String ATTRIBUTE = "mxgate.signedIn";

    public SignedIn {
        roles = Set.copyOf(roles);
    }

    public boolean admin() {
        return roles.contains(AdminCredentials.ADMIN_ROLE);
    }
}
