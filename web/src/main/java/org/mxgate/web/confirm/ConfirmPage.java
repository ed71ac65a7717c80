package org.mxgate.web.confirm;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Optional;
import org.mxgate.autogateway.AutoGatewayService;

/**
 * The page the confirmation link opens. Opening it changes nothing (mail scanners follow links);
 * the button confirms. The token is the only credential, and it works once. View-scoped, so
 * that the token from the link is still known when the button is pressed.
 */
@Named
@ViewScoped
public class ConfirmPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    AutoGatewayService service;

    private String token;
    private String confirmed;

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    /** The domain waiting for this token, or null. */
    public String getDomain() {
        return pending().orElse(null);
    }

    public String getConfirmed() {
        return confirmed;
    }

    public String confirm() {
        confirmed = service.confirmByToken(token, "link").orElse(null);
        return null;
    }

    private Optional<String> pending() {
        return service.pendingDomain(token);
    }
}
