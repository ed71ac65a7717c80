package org.mxgate.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.mxgate.admin.AdminCredentials;

/** Who is using the pages or the API now, for the pages ({@code #{operator.admin}}) and the audit log. */
@Named
@RequestScoped
public class Operator {

    @Inject
    SecurityContext security;

    /** The operator's name, or "anonymous". */
    public String getName() {
        return security.getCallerPrincipal() == null ? "anonymous" : security.getCallerPrincipal().getName();
    }

    /** Whether the operator may change things (else the pages show no button that does). */
    public boolean isAdmin() {
        return security.isCallerInRole(AdminCredentials.ADMIN_ROLE);
    }
}
