package org.mxgate.web.admin;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mxgate.admin.ServiceException;
import org.mxgate.gateway.CollectionAccess;
import org.mxgate.gateway.CollectionMethod;
import org.mxgate.gateway.CollectionSpec;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewayService;
import org.mxgate.gateway.GatewaySpec;
import org.mxgate.gateway.Limits;
import org.mxgate.gateway.Routing;
import org.mxgate.gateway.ScheduleSpec;
import org.mxgate.gateway.SenderAccounts;
import org.mxgate.gateway.SenderSpec;
import org.mxgate.queue.PrimaryHealth;
import org.mxgate.queue.QueueAdmin;
import org.mxgate.web.api.QueueActions;

/**
 * One gateway ({@code /admin/gateway.xhtml?domain=}), or a new one (no domain): its routing,
 * quota, pacing, schedule, copies, collection (with its password, never shown: blank keeps it)
 * and what it asks of senders, as forms whose errors show at their field; delete (with its mail
 * or not) and flush. Recipient verification and the content filter have pages of their own.
 */
@Named
@ViewScoped
public class GatewayPage implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    GatewayService gateways;

    @EJB
    QueueAdmin queueAdmin;

    @jakarta.inject.Inject
    QueueActions actions;

    @EJB
    SenderAccounts senderAccounts;

    private String domain;
    private boolean exists;
    private String newDomain;
    private String mode = "FORWARD";
    private String forwardHost;
    private String forwardPort;
    private String forwardAddress;
    private boolean enabled = true;
    private String maxMessages;
    private String maxBytes;
    private String maxConnections;
    private String messagesPerConnection;
    private String contactAddress;
    private String scheduleWindows;
    private String scheduleTimeZone;
    private String scheduleInterval;
    private boolean keepCopy;
    private String copyRetention;
    private List<String> methods = new ArrayList<>();
    private String allowedAddresses;
    private boolean authRequired;
    private boolean passwordSet;
    private String collectionPassword;
    private boolean releaseOnContact;
    private String spfFail = "STAMP";
    private boolean mustAuthenticate;
    private boolean purge;
    private List<String> accounts = List.of();
    private String accountAddress;
    private String accountPassword;
    private PrimaryHealth health;

    /** Reads the gateway named by {@code domain}; none named: the form for a new one. */
    public void load() {
        if (domain == null || domain.isBlank()) {
            exists = false;
            return;
        }
        try {
            Gateway g = gateways.get(domain);
            exists = true;
            domain = g.getDomain();
            Routing r = g.routing();
            mode = r.mode().name();
            forwardHost = r.forwardHost();
            forwardPort = text(r.forwardPort());
            forwardAddress = r.forwardAddress();
            enabled = g.isEnabled();
            Limits l = g.limits();
            maxMessages = text(l.maxMessages());
            maxBytes = text(l.maxBytes());
            maxConnections = text(l.maxConnections());
            messagesPerConnection = text(l.messagesPerConnection());
            contactAddress = g.contactAddress();
            scheduleWindows = g.schedule().isAlways() ? "" : g.schedule().windows();
            scheduleTimeZone = g.schedule().isAlways() ? "" : g.schedule().timeZone();
            scheduleInterval = g.schedule().isAlways() ? "" : text(g.schedule().interval());
            keepCopy = r.keepsCopy();
            copyRetention = r.keepsCopy() ? r.copyRetention().toString() : "";
            CollectionAccess c = g.collection();
            methods = c.methods().stream().map(Enum::name).toList();
            allowedAddresses = String.join("\n", c.allowedAddresses());
            authRequired = c.authRequired();
            passwordSet = c.passwordHash() != null;
            releaseOnContact = c.releaseOnContact();
            spfFail = g.senders().refusesSpfFail() ? "REFUSE" : "STAMP";
            mustAuthenticate = g.senders().sendersMustAuthenticate();
            accounts = senderAccounts.addresses(domain);
            health = queueAdmin.health(domain);
        } catch (ServiceException e) {
            message(null, e.getMessage());
        }
    }

    /** Creates the gateway, or saves its routing, limits, schedule and copies. */
    public String save() {
        try {
            GatewaySpec spec = new GatewaySpec(exists ? null : newDomain, mode, clear(forwardHost),
                    number("forwardPort", forwardPort, Integer::valueOf), clear(forwardAddress), enabled,
                    number("maxMessages", maxMessages, Long::valueOf), number("maxBytes", maxBytes, Long::valueOf),
                    number("maxConnections", maxConnections, Integer::valueOf),
                    number("messagesPerConnection", messagesPerConnection, Integer::valueOf), clear(contactAddress),
                    new ScheduleSpec(clear(scheduleWindows), clear(scheduleTimeZone), clear(scheduleInterval)), keepCopy,
                    keepCopy ? clear(copyRetention) : null);
            if (exists) {
                gateways.update(domain, spec);
                message(null, "Saved.");
                load();
                return null;
            }
            Gateway created = gateways.create(spec);
            FacesContext.getCurrentInstance().getExternalContext().getFlash().put("created", created.getDomain());
            return "gateway?faces-redirect=true&domain=" + created.getDomain();
        } catch (ServiceException e) {
            message(field("gateway", e), e.getMessage());
            return null;
        }
    }

    public String saveCollection() {
        try {
            gateways.updateCollection(domain, new CollectionSpec(methods, lines(allowedAddresses), authRequired,
                    collectionPassword == null || collectionPassword.isEmpty() ? null : collectionPassword,
                    releaseOnContact));
            message(null, "Collection saved.");
            load();
        } catch (ServiceException e) {
            message(field("collection", e), e.getMessage());
        }
        return null;
    }

    public String saveSenders() {
        try {
            gateways.updateSenders(domain, new SenderSpec(spfFail, mustAuthenticate));
            message(null, "Sender rules saved.");
            load();
        } catch (ServiceException e) {
            message(field("senders", e), e.getMessage());
        }
        return null;
    }

    /** Creates a sender account (SMTP AUTH for an address in the domain), or gives one a new password. */
    public String setAccount() {
        try {
            boolean created = senderAccounts.set(domain, accountAddress == null ? "" : accountAddress.strip(),
                    accountPassword);
            message(null, "Sender account " + accountAddress.strip() + (created ? " created." : ": password changed."));
            accountAddress = null;
            load();
        } catch (ServiceException e) {
            message(e.field() == null ? null : "accounts:" + (e.field().equals("password") ? "accountPassword"
                    : "accountAddress"), e.getMessage());
        }
        return null;
    }

    public String removeAccount(String address) {
        try {
            senderAccounts.remove(domain, address);
            message(null, "Sender account " + address + " removed.");
            load();
        } catch (ServiceException e) {
            message(null, e.getMessage());
        }
        return null;
    }

    /** Makes its waiting mail due now and starts a queue run. */
    public String flush() {
        try {
            int due = actions.flush(domain);
            message(null, due + " message(s) due now; a queue run has started.");
            load();
        } catch (ServiceException e) {
            message(null, e.getMessage());
        }
        return null;
    }

    /** Deletes the gateway; one that still stores mail only with "and its mail". */
    public String delete() {
        try {
            queueAdmin.deleteGateway(domain, purge);
            FacesContext.getCurrentInstance().getExternalContext().getFlash().put("deleted", domain);
            return "index?faces-redirect=true";
        } catch (ServiceException e) {
            message("delete:purge", e.getMessage());
            return null;
        }
    }

    /** The client id of the field a refusal names, in {@code form}; null when it names none. */
    private static String field(String form, ServiceException e) {
        if (e.field() == null) {
            return null;
        }
        String f = e.field().startsWith("schedule") ? "scheduleWindows" : e.field();
        if (f.equals("domain")) {
            f = "newDomain";
        }
        if (f.equals("password")) {
            f = "collectionPassword";
        }
        return form + ":" + f;
    }

    private static <T> T number(String field, String value, java.util.function.Function<String, T> parse) {
        if (value == null || value.isBlank()) {
            return parse.apply("0"); // 0 clears a limit or the forward port
        }
        try {
            return parse.apply(value.strip());
        } catch (NumberFormatException e) {
            throw ServiceException.invalid(field, field + " is a whole number, not '" + value + "'");
        }
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[\\r\\n,]+")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** "" clears a setting on update; on create it is the same as leaving it out. */
    private static String clear(String s) {
        return s == null ? "" : s.strip();
    }

    private static String text(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static void message(String clientId, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(text));
    }

    public List<String> getAllMethods() {
        return Arrays.stream(CollectionMethod.values()).map(Enum::name).toList();
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain == null ? null : domain.strip().toLowerCase(Locale.ROOT);
    }

    public boolean isExists() {
        return exists;
    }

    public PrimaryHealth getHealth() {
        return health;
    }

    public boolean isPasswordSet() {
        return passwordSet;
    }

    public String getNewDomain() { return newDomain; }
    public void setNewDomain(String v) { newDomain = v; }
    public String getMode() { return mode; }
    public void setMode(String v) { mode = v; }
    public String getForwardHost() { return forwardHost; }
    public void setForwardHost(String v) { forwardHost = v; }
    public String getForwardPort() { return forwardPort; }
    public void setForwardPort(String v) { forwardPort = v; }
    public String getForwardAddress() { return forwardAddress; }
    public void setForwardAddress(String v) { forwardAddress = v; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean v) { enabled = v; }
    public String getMaxMessages() { return maxMessages; }
    public void setMaxMessages(String v) { maxMessages = v; }
    public String getMaxBytes() { return maxBytes; }
    public void setMaxBytes(String v) { maxBytes = v; }
    public String getMaxConnections() { return maxConnections; }
    public void setMaxConnections(String v) { maxConnections = v; }
    public String getMessagesPerConnection() { return messagesPerConnection; }
    public void setMessagesPerConnection(String v) { messagesPerConnection = v; }
    public String getContactAddress() { return contactAddress; }
    public void setContactAddress(String v) { contactAddress = v; }
    public String getScheduleWindows() { return scheduleWindows; }
    public void setScheduleWindows(String v) { scheduleWindows = v; }
    public String getScheduleTimeZone() { return scheduleTimeZone; }
    public void setScheduleTimeZone(String v) { scheduleTimeZone = v; }
    public String getScheduleInterval() { return scheduleInterval; }
    public void setScheduleInterval(String v) { scheduleInterval = v; }
    public boolean isKeepCopy() { return keepCopy; }
    public void setKeepCopy(boolean v) { keepCopy = v; }
    public String getCopyRetention() { return copyRetention; }
    public void setCopyRetention(String v) { copyRetention = v; }
    public List<String> getMethods() { return methods; }
    public void setMethods(List<String> v) { methods = v == null ? new ArrayList<>() : new ArrayList<>(v); }
    public String getAllowedAddresses() { return allowedAddresses; }
    public void setAllowedAddresses(String v) { allowedAddresses = v; }
    public boolean isAuthRequired() { return authRequired; }
    public void setAuthRequired(boolean v) { authRequired = v; }
    public String getCollectionPassword() { return null; }
    public void setCollectionPassword(String v) { collectionPassword = v; }
    public boolean isReleaseOnContact() { return releaseOnContact; }
    public void setReleaseOnContact(boolean v) { releaseOnContact = v; }
    public String getSpfFail() { return spfFail; }
    public void setSpfFail(String v) { spfFail = v; }
    public boolean isMustAuthenticate() { return mustAuthenticate; }
    public void setMustAuthenticate(boolean v) { mustAuthenticate = v; }
    public boolean isPurge() { return purge; }
    public List<String> getAccounts() { return accounts; }
    public String getAccountAddress() { return accountAddress; }
    public void setAccountAddress(String v) { accountAddress = v; }
    public String getAccountPassword() { return null; }
    public void setAccountPassword(String v) { accountPassword = v; }
    public void setPurge(boolean v) { purge = v; }
}
