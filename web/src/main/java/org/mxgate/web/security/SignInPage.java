package org.mxgate.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;

/**
 * The sign-in form of the pages ({@code /login.xhtml}, a stateless view: a visitor who has not
 * signed in gets no session): user and password through the login throttle; on success a new
 * session (a session the browser had is not carried over), the operator kept in it, and on to
 * the page that was asked for.
 */
@Named("signIn")
@RequestScoped
public class SignInPage {

    @Inject
    Logins logins;

    private String user;
    private String password;
    private String next;

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return null; // never shown again
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }

    public String signIn() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        Optional<UsernamePasswordCredential> credential = user == null || user.isBlank() || password == null
                ? Optional.empty() : Optional.of(new UsernamePasswordCredential(user.strip(), password));
        Logins.Attempt attempt = logins.attempt(request.getRemoteAddr(), credential);
        if (attempt.retryAfter() != null) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Too many failed sign-ins from this "
                    + "address: try again in " + Math.max(1, attempt.retryAfter().toSeconds()) + " s.", null));
            return null;
        }
        if (!attempt.succeeded()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Wrong user name or password.", null));
            return null;
        }
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(SignedIn.ATTRIBUTE, attempt.operator());
        external.redirect(request.getContextPath() + safeNext(next));
        return null;
    }

    /** Where to go after signing in: a page of mxgate's under {@code /admin/}, never another site. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/admin/") || next.contains("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return "/admin/";
        }
        return next;
    }
}
