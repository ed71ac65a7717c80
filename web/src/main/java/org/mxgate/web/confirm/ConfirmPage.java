package org.mxgate.web.confirm;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import org.mxgate.autogateway.AutoGatewayService;

/**
 * The page the confirmation link opens. Opening it changes nothing (mail scanners follow links);
 * the button confirms. The token is the only credential, and it works once. The page is public,
 * so it keeps nothing between requests: a transient view, a request-scoped bean, no session; the
 * token travels in the link and then in the form.
 */
@Named
@RequestScoped
public class ConfirmPage {

    @EJB
    AutoGatewayService service;

    private String token;
    private String domain;
    private String confirmed;

    @PostConstruct
    void readToken() {
        String t = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("token");
        token = t == null || t.length() > 200 ? null : t;
        domain = token == null ? null : service.pendingDomain(token).orElse(null);
    }

    public String getToken() {
        return token;
    }

    /** The domain waiting for this token, or null. */
    public String getDomain() {
        return domain;
    }

    public String getConfirmed() {
        return confirmed;
    }

    public String confirm() {
        if (token != null) {
            confirmed = service.confirmByToken(token, "link").orElse(null);
        }
        return null;
    }
}
