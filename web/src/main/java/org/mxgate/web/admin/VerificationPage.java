package org.mxgate.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.mxgate.admin.ServiceException;
import org.mxgate.gateway.GatewayService;
import org.mxgate.gateway.RecipientVerification;
import org.mxgate.gateway.VerificationSpec;
import org.mxgate.verify.RecipientVerifier;
import org.mxgate.verify.VerificationStore;

/**
 * One gateway's recipient verification: the method and its settings as a form, the address list
 * as text to replace, and the kept answers to forget. The LDAP bind password is never shown; a
 * blank one keeps the password set.
 */
@Named
@RequestScoped
public class VerificationPage {

    @EJB
    GatewayService gateways;

    @EJB
    VerificationStore store;

    @Inject
    RecipientVerifier verifier;

    private String domain;
    private String method;
    private String whenUnverifiable;
    private String timeout;
    private String validFor;
    private String unknownFor;
    private String ldapUrl;
    private boolean ldapStartTls;
    private String ldapBindDn;
    private String ldapBindPassword;
    private boolean ldapBindPasswordSet;
    private String ldapBase;
    private String ldapFilter;
    private String addresses;

    /** Reads the gateway named by the {@code domain} parameter. */
    public void load() {
        try {
            RecipientVerification v = gateways.get(domain).verification();
            method = v.method().name();
            whenUnverifiable = v.whenUnverifiable().name();
            timeout = v.timeout().toString();
            validFor = v.validFor().toString();
            unknownFor = v.unknownFor().toString();
            ldapUrl = v.ldapUrl();
            ldapStartTls = v.ldapStartTls();
            ldapBindDn = v.ldapBindDn();
            ldapBindPasswordSet = v.ldapBindPassword() != null;
            ldapBase = v.ldapBase();
            ldapFilter = v.ldapFilter();
            addresses = String.join("\n", store.entries(domain));
        } catch (ServiceException e) {
            message(null, e.getMessage());
        }
    }

    public String save() {
        try {
            gateways.updateVerification(domain, new VerificationSpec(method, whenUnverifiable, blank(timeout),
                    blank(validFor), blank(unknownFor), blank(ldapUrl), ldapStartTls, blank(ldapBindDn),
                    ldapBindPassword == null || ldapBindPassword.isEmpty() ? null : ldapBindPassword, blank(ldapBase),
                    blank(ldapFilter)));
            message(null, "Saved.");
            load();
        } catch (ServiceException e) {
            message(e.field() == null ? null : "settings:" + e.field(), e.getMessage());
        }
        return null;
    }

    public String replaceList() {
        try {
            int size = store.store(domain, List.of((addresses == null ? "" : addresses).split("\r?\n")), true);
            message(null, "The address list has " + size + " entries.");
            load();
        } catch (ServiceException e) {
            message("list:addresses", e.getMessage());
        }
        return null;
    }

    public String forget() {
        try {
            int forgotten = store.forget(domain);
            verifier.forget(domain);
            message(null, forgotten + " kept answers forgotten.");
        } catch (ServiceException e) {
            message(null, e.getMessage());
        }
        return null;
    }

    /** A field left empty on the form: "" clears a setting that may be cleared. */
    private static String blank(String s) {
        return s == null ? "" : s;
    }

    private static void message(String clientId, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(text));
    }

    public List<String> getMethods() {
        return List.of("NONE", "LIST", "LDAP", "CALLOUT");
    }

    public List<String> getRules() {
        return List.of("KNOWN", "ACCEPT", "DEFER");
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getWhenUnverifiable() {
        return whenUnverifiable;
    }

    public void setWhenUnverifiable(String whenUnverifiable) {
        this.whenUnverifiable = whenUnverifiable;
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public String getValidFor() {
        return validFor;
    }

    public void setValidFor(String validFor) {
        this.validFor = validFor;
    }

    public String getUnknownFor() {
        return unknownFor;
    }

    public void setUnknownFor(String unknownFor) {
        this.unknownFor = unknownFor;
    }

    public String getLdapUrl() {
        return ldapUrl;
    }

    public void setLdapUrl(String ldapUrl) {
        this.ldapUrl = ldapUrl;
    }

    public boolean isLdapStartTls() {
        return ldapStartTls;
    }

    public void setLdapStartTls(boolean ldapStartTls) {
        this.ldapStartTls = ldapStartTls;
    }

    public String getLdapBindDn() {
        return ldapBindDn;
    }

    public void setLdapBindDn(String ldapBindDn) {
        this.ldapBindDn = ldapBindDn;
    }

    public String getLdapBindPassword() {
        return null;
    }

    public void setLdapBindPassword(String ldapBindPassword) {
        this.ldapBindPassword = ldapBindPassword;
    }

    public boolean isLdapBindPasswordSet() {
        return ldapBindPasswordSet;
    }

    public String getLdapBase() {
        return ldapBase;
    }

    public void setLdapBase(String ldapBase) {
        this.ldapBase = ldapBase;
    }

    public String getLdapFilter() {
        return ldapFilter;
    }

    public void setLdapFilter(String ldapFilter) {
        this.ldapFilter = ldapFilter;
    }

    public String getAddresses() {
        return addresses;
    }

    public void setAddresses(String addresses) {
        this.addresses = addresses;
    }
}
