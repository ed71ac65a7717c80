package org.mxgate.autogateway;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.mxgate.admin.AuditEvent;
import org.mxgate.admin.AuditLog;
import org.mxgate.admin.ServiceException;
import org.mxgate.config.GatewaySettings;
import org.mxgate.dns.AddressRanges;
import org.mxgate.gateway.AutoCreation;
import org.mxgate.gateway.AutoState;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewayService;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.MailboxParser;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;
import org.mxgate.queue.QueueAdmin;
import org.mxgate.queue.QueueService;

/**
 * Creates gateways by itself for domains whose DNS names mxgate as a backup MX host, under the
 * operator's settings; sends the confirmation request, takes confirmations, and deletes what is
 * not confirmed in time. Every step goes into the {@link AuditLog}.
 */
@Stateless
public class AutoGatewayService {

    private static final Logger LOG = Logger.getLogger(AutoGatewayService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "mxgate")
    EntityManager em;

    @Inject
    GatewaySettings settings;

    @Inject
    Clock clock;

    @EJB
    AuditLog audit;

    @EJB
    GatewayService gateways;

    @EJB
    QueueService queue;

    @EJB
    QueueAdmin queueAdmin;

    @Inject
    DomainLookups lookups;

    public AutoGatewaySettings settings() {
        AutoGatewaySettings s = em.find(AutoGatewaySettings.class, AutoGatewaySettings.ID);
        if (s == null) {
            s = new AutoGatewaySettings();
            em.persist(s);
        }
        return s;
    }

    /** The audit log's domain for changes of the automatic gateway settings (they concern no one domain). */
    public static final String SETTINGS_DOMAIN = AuditLog.GLOBAL;

    public AutoGatewaySettings update(AutoGatewaySpec spec) {
        AutoGatewaySettings s = settings();
        boolean enabled = spec.enabled() != null ? spec.enabled() : s.isEnabled();
        String template = spec.templateDomain() == null ? s.getTemplateDomain()
                : spec.templateDomain().isBlank() ? null : spec.templateDomain().strip().toLowerCase(Locale.ROOT);
        if (template != null && gateways.find(template).isEmpty()) {
            throw ServiceException.invalid("templateDomain", "there is no gateway " + template + " to copy");
        }
        String ranges = spec.reservedRanges() == null ? s.getReservedRanges() : spec.reservedRanges().strip();
        ranges = AddressRanges.parse(ranges).map(AddressRanges::toString).orElseThrow(() -> ServiceException.invalid(
                "reservedRanges", "a list of address/prefix entries, e.g. 10.0.0.0/8, fc00::/7"));
        boolean confirm = spec.requireConfirmation() != null ? spec.requireConfirmation() : s.isRequireConfirmation();
        String address = spec.confirmationAddress() == null ? s.getConfirmationAddress()
                : spec.confirmationAddress().isBlank() ? null : spec.confirmationAddress().strip();
        if (address != null) {
            address = MailboxParser.parseMailbox(address).filter(a -> !a.isAddressLiteral() && a.domain().contains("."))
                    .map(EmailAddress::toString).orElseThrow(() -> ServiceException.invalid("confirmationAddress",
                            "'" + spec.confirmationAddress() + "' is not an e-mail address"));
        }
        if (enabled && confirm && address == null) {
            throw ServiceException.invalid("confirmationAddress",
                    "confirmation is required, so a confirmation address is needed");
        }
        int minutes = spec.confirmWithinMinutes() != null ? spec.confirmWithinMinutes() : s.getConfirmWithinMinutes();
        if (minutes < 1 || minutes > 60 * 24 * 30) {
            throw ServiceException.invalid("confirmWithinMinutes", "between 1 and 43200 minutes");
        }
        int perHour = spec.maxPerClientPerHour() != null ? spec.maxPerClientPerHour() : s.getMaxPerClientPerHour();
        if (perHour < 0 || perHour > 10_000) {
            throw ServiceException.invalid("maxPerClientPerHour", "between 0 and 10000");
        }
        s.apply(enabled, template, spec.skipLocalSenders() != null ? spec.skipLocalSenders() : s.isSkipLocalSenders(),
                spec.refuseReservedMx() != null ? spec.refuseReservedMx() : s.isRefuseReservedMx(), ranges, confirm,
                address, minutes, perHour,
                spec.deliverToHigherMx() != null ? spec.deliverToHigherMx() : s.isDeliverToHigherMx());
        lookups.forget(); // the answers kept were judged by the old settings
        audit.operator(SETTINGS_DOMAIN, AuditEvent.Action.SETTINGS_CHANGED, "automatic gateways: " + AuditLog.describe(spec));
        return s;
    }

    /**
     * Mail for {@code domain}, which has no gateway, arrived from {@code client}: creates a
     * gateway when the settings and the domain's DNS allow it. Runs in a transaction of its own,
     * so two sessions racing for one domain cannot both create it (the loser gets an exception
     * and finds the winner's gateway).
     *
     * @param sender the envelope sender, null for {@code <>}
     * @return {@link Verdict#next()} when the gateway exists now (the next checks decide), else the refusal
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Verdict consider(String domain, String client, EmailAddress sender, boolean authenticated) {
        AutoGatewaySettings s = settings();
        if (!s.isEnabled()) {
            return Verdict.reject(SmtpReplies.RELAY_DENIED);
        }
        if (s.isSkipLocalSenders() && (authenticated || sender != null
                && gateways.find(sender.domainKey()).isPresent())) {
            LOG.info("auto-gateway domain=" + domain + " not created: the sender <" + sender + "> is local");
            return Verdict.reject(SmtpReplies.RELAY_DENIED);
        }
        LocalDateTime now = LocalDateTime.now(clock);
        if (audit.createdFor(client, now.minusHours(1)) >= s.getMaxPerClientPerHour()) {
            LOG.info("auto-gateway domain=" + domain + " not created: client [" + client + "] is at its hourly limit");
            return Verdict.defer(SmtpReplies.TOO_MANY_NEW_DOMAINS);
        }
        Optional<MxListing.Verdict> looked = lookups.check(domain, reserved(s), client);
        if (looked.isEmpty()) {
            LOG.info("auto-gateway domain=" + domain + " not checked: client [" + client + "] caused too many"
                    + " DNS lookups in the last minute");
            return Verdict.defer(SmtpReplies.TOO_MANY_NEW_DOMAINS);
        }
        MxListing.Verdict verdict = looked.get();
        if (verdict instanceof MxListing.Verdict.TryAgain t) {
            LOG.info("auto-gateway domain=" + domain + " not checked: " + t.reason());
            return Verdict.defer(SmtpReplies.DNS_TRY_AGAIN);
        }
        if (verdict instanceof MxListing.Verdict.NotListed n) {
            LOG.info("auto-gateway domain=" + domain + " not created: " + n.reason());
            return Verdict.reject(SmtpReplies.RELAY_DENIED);
        }
        String records = ((MxListing.Verdict.Listed) verdict).records();
        String token = null;
        LocalDateTime confirmBy = null;
        if (s.isRequireConfirmation()) {
            byte[] random = new byte[20];
            RANDOM.nextBytes(random);
            token = HexFormat.of().formatHex(random);
            confirmBy = now.plusMinutes(s.getConfirmWithinMinutes());
        }
        missingTemplate().ifPresent(t -> LOG.warning("auto-gateway domain=" + domain + ": the template gateway " + t
                + " is gone, so the new gateway has the defaults; choose a template in the settings"));
        gateways.createAutomatic(domain, s.getTemplateDomain(), s.isDeliverToHigherMx(), client, records, confirmBy,
                token == null ? null : hash(token));
        audit.record(domain, AuditEvent.Action.CREATED, client, (token == null ? "confirmed at once" : "pending until "
                + confirmBy) + "; MX: " + records + "; sender <" + (sender == null ? "" : sender) + ">");
        if (token != null) {
            queue.queueNotice(domain, s.getConfirmationAddress(), ConfirmationMessage.compose(settings.hostname(),
                    settings.publicUrl(), s.getConfirmationAddress(), domain, client, sender == null ? "" : sender.toString(), records, token,
                    confirmBy, clock));
        }
        return Verdict.next();
    }

    /** The template gateway the settings name, when it no longer exists (it was deleted since). */
    public Optional<String> missingTemplate() {
        String template = settings().getTemplateDomain();
        return template != null && gateways.find(template).isEmpty() ? Optional.of(template) : Optional.empty();
    }

    /** Confirms the pending gateway this token was sent for; the domain, or empty when none is. */
    public Optional<String> confirmByToken(String token, String how) {
        if (token == null || !token.matches("[0-9a-f]{40}")) {
            return Optional.empty();
        }
        Optional<Gateway> pending = gateways.pendingByTokenHash(hash(token));
        pending.ifPresent(g -> confirm(g.getDomain(), how));
        return pending.map(Gateway::getDomain);
    }

    /**
     * The token of a reply to a confirmation message: its recipient is the message's
     * {@code Reply-To}, {@code confirm+<token>@<hostname>}. Pure, for the SMTP path.
     */
    public static Optional<String> confirmationToken(EmailAddress recipient, String hostname) {
        String local = recipient.localPart().toLowerCase(Locale.ROOT);
        if (!recipient.domainKey().equals(hostname.toLowerCase(Locale.ROOT))
                || !local.matches("confirm\\+[0-9a-f]{40}")) {
            return Optional.empty();
        }
        return Optional.of(local.substring("confirm+".length()));
    }

    /**
     * Whether automatic creation is on: one read in the caller's transaction, so that mail for
     * unknown domains costs no more than that while it is off.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean enabled() {
        AutoGatewaySettings s = em.find(AutoGatewaySettings.class, AutoGatewaySettings.ID);
        return s != null && s.isEnabled();
    }

    /** The domain a pending confirmation token is for, without confirming it. */
    public Optional<String> pendingDomain(String token) {
        if (token == null || !token.matches("[0-9a-f]{40}")) {
            return Optional.empty();
        }
        return gateways.pendingByTokenHash(hash(token)).map(Gateway::getDomain);
    }

    /** Confirms a pending automatic gateway (the operator, through the API). */
    public void confirm(String domain, String how) {
        if (!gateways.confirm(domain)) {
            throw ServiceException.conflict(domain + " is not waiting for confirmation");
        }
        audit.record(domain, AuditEvent.Action.CONFIRMED, how, "its stored mail is delivered from now on");
    }

    /** Deletes the pending gateways whose time to be confirmed has run out, with all their mail. */
    public int expire() {
        List<Gateway> expired = gateways.expired();
        for (Gateway g : expired) {
            long messages = queueAdmin.deleteUnconfirmed(g.getDomain());
            AutoCreation creation = g.creation().orElseThrow();
            audit.record(g.getDomain(), AuditEvent.Action.EXPIRED, creation.createdForClient(),
                    "not confirmed by " + creation.confirmBy() + "; deleted with " + messages + " stored message(s)");
        }
        return expired.size();
    }

    /**
     * Asks the DNS again whether it names mxgate for each automatic gateway that is confirmed or
     * delisted; a domain that no longer does stops receiving new mail, and one that does again
     * receives again. A DNS failure changes nothing. Returns how many gateways changed.
     */
    public int recheck() {
        int changed = 0;
        AddressRanges reserved = reserved(settings());
        for (Gateway g : gateways.settledAutomatic()) {
            MxListing.Verdict verdict = lookups.recheck(g.getDomain(), reserved);
            if (verdict instanceof MxListing.Verdict.TryAgain) {
                continue;
            }
            boolean listed = verdict instanceof MxListing.Verdict.Listed;
            AutoState before = g.getAutoState();
            AutoState after = gateways.listed(g.getDomain(), listed, listed
                    ? ((MxListing.Verdict.Listed) verdict).records() : null);
            if (before != after) {
                changed++;
                audit.record(g.getDomain(), listed ? AuditEvent.Action.RELISTED : AuditEvent.Action.DELISTED, null,
                        listed ? "the DNS names mxgate again" : ((MxListing.Verdict.NotListed) verdict).reason());
            }
        }
        return changed;
    }

    /** The ranges MX hosts may not resolve into, or null when that rule is off. */
    AddressRanges reserved(AutoGatewaySettings s) {
        return s.isRefuseReservedMx() ? AddressRanges.parse(s.getReservedRanges()).orElseThrow() : null;
    }



    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
