package org.mxgate.web.admin;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.List;
import org.mxgate.admin.ServiceException;
import org.mxgate.autogateway.AutoGatewayService;
import org.mxgate.autogateway.AutoGatewaySettings;
import org.mxgate.autogateway.AutoGatewaySpec;
import org.mxgate.gateway.AutoCreation;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewayService;

/** The automatic gateways page: the settings as a form, and the gateways waiting for confirmation. */
@Named
@RequestScoped
public class AutoGatewaysPage {

    @jakarta.inject.Inject
    org.mxgate.web.security.Operator operator;

    @EJB
    AutoGatewayService service;

    @EJB
    GatewayService gateways;

    private boolean enabled;
    private String templateDomain;
    private boolean skipLocalSenders;
    private boolean refuseReservedMx;
    private String reservedRanges;
    private boolean requireConfirmation;
    private String confirmationAddress;
    private Integer confirmWithinMinutes;
    private Integer maxPerClientPerHour;
    private boolean deliverToHigherMx;
    private String missingTemplate;

    @PostConstruct
    void load() {
        AutoGatewaySettings s = service.settings();
        enabled = s.isEnabled();
        templateDomain = s.getTemplateDomain();
        skipLocalSenders = s.isSkipLocalSenders();
        refuseReservedMx = s.isRefuseReservedMx();
        reservedRanges = s.getReservedRanges();
        requireConfirmation = s.isRequireConfirmation();
        confirmationAddress = s.getConfirmationAddress();
        confirmWithinMinutes = s.getConfirmWithinMinutes();
        maxPerClientPerHour = s.getMaxPerClientPerHour();
        deliverToHigherMx = s.isDeliverToHigherMx();
        missingTemplate = service.missingTemplate().orElse(null);
        if (missingTemplate != null) {
            templateDomain = "";
        }
    }

    /** The gateways a new one may copy: every gateway an operator made. */
    public List<String> getTemplateChoices() {
        return gateways.list().stream().filter(g -> !g.isAutomatic()).map(Gateway::getDomain).toList();
    }

    /** The template the settings name although it was deleted since, or null. */
    public String getMissingTemplate() {
        return missingTemplate;
    }

    public boolean isDeliverToHigherMx() {
        return deliverToHigherMx;
    }

    public void setDeliverToHigherMx(boolean deliverToHigherMx) {
        this.deliverToHigherMx = deliverToHigherMx;
    }

    public String save() {
        try {
            service.update(new AutoGatewaySpec(enabled, templateDomain == null ? "" : templateDomain, skipLocalSenders,
                    refuseReservedMx, reservedRanges == null ? "" : reservedRanges, requireConfirmation,
                    confirmationAddress == null ? "" : confirmationAddress, confirmWithinMinutes, maxPerClientPerHour,
                    deliverToHigherMx));
            missingTemplate = service.missingTemplate().orElse(null);
            message(null, "Saved.");
        } catch (ServiceException e) {
            refused(e);
        }
        return null;
    }

    public String confirm(String domain) {
        try {
            service.confirm(domain, operator.getName());
            message(null, domain + " is confirmed; its stored mail is delivered from now on.");
        } catch (ServiceException e) {
            refused(e);
        }
        return null;
    }

    /** One automatic gateway waiting for confirmation, as the page lists it. */
    public record Pending(String domain, String createdForClient, String mxRecords, java.time.LocalDateTime confirmBy) {
    }

    /** Automatic gateways waiting for confirmation, oldest deadline first. */
    public List<Pending> getPending() {
        return gateways.list().stream().filter(Gateway::isPending).map(g -> {
            AutoCreation a = g.creation().orElseThrow();
            return new Pending(g.getDomain(), a.createdForClient(), a.mxRecords(), a.confirmBy());
        }).sorted(java.util.Comparator.comparing(Pending::confirmBy)).toList();
    }

    /** A refusal shown at its field (a ServiceException is an application exception: never wrapped). */
    private static void refused(ServiceException e) {
        message(e.field() == null ? null : "settings:" + e.field(), e.getMessage());
    }

    private static void message(String clientId, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(text));
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getTemplateDomain() {
        return templateDomain;
    }

    public void setTemplateDomain(String templateDomain) {
        this.templateDomain = templateDomain;
    }

    public boolean isSkipLocalSenders() {
        return skipLocalSenders;
    }

    public void setSkipLocalSenders(boolean skipLocalSenders) {
        this.skipLocalSenders = skipLocalSenders;
    }

    public boolean isRefuseReservedMx() {
        return refuseReservedMx;
    }

    public void setRefuseReservedMx(boolean refuseReservedMx) {
        this.refuseReservedMx = refuseReservedMx;
    }

    public String getReservedRanges() {
        return reservedRanges;
    }

    public void setReservedRanges(String reservedRanges) {
        this.reservedRanges = reservedRanges;
    }

    public boolean isRequireConfirmation() {
        return requireConfirmation;
    }

    public void setRequireConfirmation(boolean requireConfirmation) {
        this.requireConfirmation = requireConfirmation;
    }

    public String getConfirmationAddress() {
        return confirmationAddress;
    }

    public void setConfirmationAddress(String confirmationAddress) {
        this.confirmationAddress = confirmationAddress;
    }

    public Integer getConfirmWithinMinutes() {
        return confirmWithinMinutes;
    }

    public void setConfirmWithinMinutes(Integer confirmWithinMinutes) {
        this.confirmWithinMinutes = confirmWithinMinutes;
    }

    public Integer getMaxPerClientPerHour() {
        return maxPerClientPerHour;
    }

    public void setMaxPerClientPerHour(Integer maxPerClientPerHour) {
        this.maxPerClientPerHour = maxPerClientPerHour;
    }
}
