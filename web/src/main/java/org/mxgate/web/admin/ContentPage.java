package org.mxgate.web.admin;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import java.io.Serializable;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mxgate.admin.ServiceException;
import org.mxgate.gateway.ContentFilter;
import org.mxgate.gateway.ContentSpec;
import org.mxgate.gateway.GatewayService;
import org.mxgate.gateway.HeaderRule;
import org.mxgate.policy.ContentCheck;
import org.mxgate.queue.QueueAdmin;
import org.mxgate.scan.ScannerHealth;
import org.mxgate.web.api.QueueActions;

/**
 * One gateway's content filter: the scanners' state, the settings as a form, and the quarantine
 * with release (after a re-scan if asked) and deletion, each audited as through the API. View
 * scoped: the rows a button was on are those the page showed.
 */
@Named
@ViewScoped
public class ContentPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A held message as the page lists it (kept with the view, so a button on its row finds it). */
    public record Held(String id, java.time.LocalDateTime receivedAt, String sender, String reason) implements Serializable {
    }

    @EJB
    GatewayService gateways;

    @EJB
    QueueAdmin queueAdmin;

    @Inject
    ContentCheck content;

    @Inject
    QueueActions actions;

    private String domain;
    private boolean antivirus;
    private boolean antispam;
    private String spamTagScore;
    private String spamRefuseScore;
    private String whenScannerFails;
    private String virusAction;
    private String spamAction;
    private String blockedExtensions;
    private String blockedTypes;
    private String maxMessageSize;
    private String senderBlock;
    private String senderAllow;
    private String recipientBlock;
    private String recipientAllow;
    private String headerRules;
    private String spamSubjectPrefix;
    private List<Held> held = List.of();

    /** Reads the gateway named by the {@code domain} parameter. */
    public void load() {
        try {
            ContentFilter c = gateways.get(domain).content();
            antivirus = c.antivirus();
            antispam = c.antispam();
            spamTagScore = String.valueOf(c.spamTagScore());
            spamRefuseScore = String.valueOf(c.spamRefuseScore());
            whenScannerFails = c.acceptsUnscanned() ? "ACCEPT" : "DEFER";
            virusAction = c.quarantinesVirus() ? "QUARANTINE" : "REFUSE";
            spamAction = c.quarantinesSpam() ? "QUARANTINE" : "REFUSE";
            spamSubjectPrefix = c.spamSubjectPrefix();
            blockedExtensions = String.join(", ", c.blockedExtensions());
            blockedTypes = String.join(", ", c.blockedTypes());
            maxMessageSize = String.valueOf(c.maxMessageSize());
            senderBlock = String.join(", ", c.senderBlock());
            senderAllow = String.join(", ", c.senderAllow());
            recipientBlock = String.join(", ", c.recipientBlock());
            recipientAllow = String.join(", ", c.recipientAllow());
            List<String> rules = new ArrayList<>();
            for (HeaderRule r : c.headerRules()) {
                rules.add(r.action() + " " + r.field() + " " + r.pattern().pattern());
            }
            headerRules = String.join("\n", rules);
            held = queueAdmin.quarantined(domain, 0, 200).stream().map(m -> new Held(m.getId(),
                    m.getReceivedAt(), m.getSender(), m.quarantineReason())).toList();
        } catch (ServiceException e) {
            message(null, e.getMessage());
        }
    }

    public String save() {
        try {
            gateways.updateContent(domain, new ContentSpec(antivirus, antispam, number("spamTagScore", spamTagScore),
                    number("spamRefuseScore", spamRefuseScore), whenScannerFails, text(blockedExtensions), text(blockedTypes),
                    (long) (double) number("maxMessageSize", maxMessageSize), virusAction, spamAction, text(senderBlock),
                    text(senderAllow), text(recipientBlock), text(recipientAllow), rules(headerRules),
                    text(spamSubjectPrefix)));
            message(null, "Saved.");
            load();
        } catch (ServiceException e) {
            message(e.field() == null ? null : "settings:" + e.field(), e.getMessage());
        }
        return null;
    }

    /** Releases a held message, after asking the scanners again if {@code rescan}. */
    public String release(String id, boolean rescan) {
        try {
            actions.release(id, rescan);
            message(null, "Message " + id + " released.");
        } catch (ServiceException e) {
            message(null, e.getMessage());
        }
        load();
        return null;
    }

    public String delete(String id) {
        try {
            queueAdmin.delete(id);
            message(null, "Message " + id + " deleted.");
        } catch (ServiceException e) {
            message(null, e.getMessage());
        }
        load();
        return null;
    }

    public List<ScannerHealth.State> getScanners() {
        return content.scanners();
    }

    /** One rule per line, {@code ACTION Field pattern}. */
    private static List<HeaderRule.Spec> rules(String text) {
        List<HeaderRule.Spec> specs = new ArrayList<>();
        int n = 0;
        for (String line : (text == null ? "" : text).split("\r?\n")) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.strip().split("\\s+", 3);
            if (parts.length < 3) {
                throw ServiceException.invalid("headerRules", "line " + n + ": write ACTION Field pattern");
            }
            specs.add(new HeaderRule.Spec(parts[1], parts[2], parts[0].toUpperCase(Locale.ROOT)));
        }
        return specs;
    }

    private static Double number(String field, String value) {
        try {
            return Double.valueOf(value == null || value.isBlank() ? "0" : value.strip());
        } catch (NumberFormatException e) {
            throw ServiceException.invalid(field, field + " is a number, not '" + value + "'");
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static void message(String clientId, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(text));
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public boolean isAntivirus() {
        return antivirus;
    }

    public void setAntivirus(boolean v) {
        antivirus = v;
    }

    public boolean isAntispam() {
        return antispam;
    }

    public void setAntispam(boolean v) {
        antispam = v;
    }

    public String getSpamTagScore() {
        return spamTagScore;
    }

    public void setSpamTagScore(String v) {
        spamTagScore = v;
    }

    public String getSpamRefuseScore() {
        return spamRefuseScore;
    }

    public void setSpamRefuseScore(String v) {
        spamRefuseScore = v;
    }

    public String getWhenScannerFails() {
        return whenScannerFails;
    }

    public void setWhenScannerFails(String v) {
        whenScannerFails = v;
    }

    public String getVirusAction() {
        return virusAction;
    }

    public void setVirusAction(String v) {
        virusAction = v;
    }

    public String getSpamAction() {
        return spamAction;
    }

    public void setSpamAction(String v) {
        spamAction = v;
    }

    public String getBlockedExtensions() {
        return blockedExtensions;
    }

    public void setBlockedExtensions(String v) {
        blockedExtensions = v;
    }

    public String getBlockedTypes() {
        return blockedTypes;
    }

    public void setBlockedTypes(String v) {
        blockedTypes = v;
    }

    public String getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(String v) {
        maxMessageSize = v;
    }

    public String getSenderBlock() {
        return senderBlock;
    }

    public void setSenderBlock(String v) {
        senderBlock = v;
    }

    public String getSenderAllow() {
        return senderAllow;
    }

    public void setSenderAllow(String v) {
        senderAllow = v;
    }

    public String getRecipientBlock() {
        return recipientBlock;
    }

    public void setRecipientBlock(String v) {
        recipientBlock = v;
    }

    public String getRecipientAllow() {
        return recipientAllow;
    }

    public void setRecipientAllow(String v) {
        recipientAllow = v;
    }

    public String getHeaderRules() {
        return headerRules;
    }

    public void setHeaderRules(String v) {
        headerRules = v;
    }

    public List<Held> getHeld() {
        return held;
    }

    public String getSpamSubjectPrefix() {
        return spamSubjectPrefix;
    }

    public void setSpamSubjectPrefix(String v) {
        spamSubjectPrefix = v;
    }
}
