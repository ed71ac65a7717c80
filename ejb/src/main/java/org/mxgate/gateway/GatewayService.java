package org.mxgate.gateway;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mxgate.admin.ServiceException;
import org.mxgate.dns.HostSpec;
import org.mxgate.mail.MailboxParser;
import org.mxgate.dns.AddressRanges;

/** Creates, changes, finds and removes gateways; the one place their settings are checked. */
@Stateless
public class GatewayService {

    @PersistenceContext(unitName = "mxgate")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<GatewayDeleted> deleted;

    /** The gateway for a domain (any case), if there is one. */
    public Optional<Gateway> find(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(Gateway.class, domain.toLowerCase(Locale.ROOT)));
    }

    public Gateway get(String domain) {
        return find(domain).orElseThrow(() -> ServiceException.notFound("no gateway for domain " + domain));
    }

    public List<Gateway> list() {
        return em.createNamedQuery("Gateway.all", Gateway.class).getResultList();
    }

    /** The gateways whose held mail goes out when one of their domain servers sends mail (usually none). */
    public List<Gateway> releasingOnContact() {
        return em.createNamedQuery("Gateway.releasingOnContact", Gateway.class).setParameter("on", true).getResultList();
    }

    public Gateway create(GatewaySpec spec) {
        String domain = checkDomain(spec.domain());
        if (em.find(Gateway.class, domain) != null) {
            throw ServiceException.conflict("a gateway for " + domain + " already exists");
        }
        Gateway gateway = new Gateway(domain, LocalDateTime.now(clock));
        apply(gateway, spec);
        em.persist(gateway);
        return gateway;
    }

    public Gateway update(String domain, GatewaySpec spec) {
        Gateway gateway = get(domain);
        if (spec.domain() != null && !spec.domain().equalsIgnoreCase(gateway.getDomain())) {
            throw ServiceException.invalid("domain", "the domain of a gateway cannot be changed");
        }
        apply(gateway, spec);
        return gateway;
    }

    /**
     * Removes a gateway an operator deleted, once its mail is dealt with (by the queue's operator
     * face, which knows the mail): {@code storedMessages} went with it.
     */
    public void delete(String domain, long storedMessages) {
        Gateway gateway = get(domain);
        em.remove(gateway);
        deleted.fire(new GatewayDeleted(gateway.getDomain(), gateway.isAutomatic(), storedMessages));
    }

    /**
     * Creates a gateway for {@code domain} because its DNS names mxgate as a backup MX host: a
     * copy of the template gateway's settings (mode MX when there is none), enabled, and pending
     * until {@code confirmBy} when that is set.
     */
    public Gateway createAutomatic(String domain, String templateDomain, String client, String mxRecords,
            LocalDateTime confirmBy, String confirmTokenHash) {
        Gateway gateway = new Gateway(domain, LocalDateTime.now(clock));
        Gateway template = templateDomain == null ? null : em.find(Gateway.class, templateDomain);
        if (template != null) {
            gateway.configure(template.getMode(), template.getForwardHost(), template.getForwardPort(),
                    template.getForwardAddress(), true, template.getMaxMessages(), template.getMaxBytes(),
                    template.getMaxConnections(), template.getMessagesPerConnection());
        } else {
            gateway.configure(DeliveryMode.MX, null, null, null, true, null, null, null, null);
        }
        gateway.automatic(client, mxRecords, confirmBy, confirmTokenHash);
        em.persist(gateway);
        em.flush();
        return gateway;
    }

    /** The pending automatic gateway whose confirmation token has this hash, if any. */
    public Optional<Gateway> pendingByTokenHash(String hash) {
        return em.createNamedQuery("Gateway.pendingByToken", Gateway.class).setParameter("hash", hash)
                .getResultStream().findFirst();
    }

    /** Confirms a pending automatic gateway; false when it is not pending. */
    public boolean confirm(String domain) {
        Gateway gateway = get(domain);
        if (gateway.getAutoState() != AutoState.PENDING) {
            return false;
        }
        gateway.confirmed();
        return true;
    }

    /** Pending automatic gateways whose time to be confirmed has run out. */
    public List<Gateway> expired() {
        return em.createNamedQuery("Gateway.expired", Gateway.class).setParameter("now", LocalDateTime.now(clock))
                .getResultList();
    }

    /** Removes an automatic gateway that was not confirmed in time (its mail is gone already). */
    public void removeUnconfirmed(String domain) {
        em.remove(get(domain));
    }

    /** Automatic gateways that are confirmed or delisted (those whose DNS listing is re-checked). */
    public List<Gateway> settledAutomatic() {
        return em.createNamedQuery("Gateway.automatic", Gateway.class)
                .setParameter("states", List.of(AutoState.CONFIRMED, AutoState.DELISTED)).getResultList();
    }

    /** Records whether the domain's DNS still names mxgate; returns the state afterwards. */
    public AutoState listed(String domain, boolean listed, String mxRecords) {
        Gateway gateway = get(domain);
        gateway.listed(listed, mxRecords);
        return gateway.getAutoState();
    }

    private void apply(Gateway gateway, GatewaySpec spec) {
        DeliveryMode mode = checkMode(spec.mode() == null ? gateway.getMode().name() : spec.mode());
        String host = spec.forwardHost() == null ? gateway.getForwardHost()
                : spec.forwardHost().isBlank() ? null : spec.forwardHost().strip();
        if (host != null) {
            host = HostSpec.parseList(host).map(l -> String.join(",", l.stream().map(HostSpec::toString).toList()))
                    .orElseThrow(() -> ServiceException.invalid("forwardHost", "'" + spec.forwardHost()
                            + "' is not a list of host, host:port, [host] or [host]:port"));
        }
        if (mode == DeliveryMode.FORWARD && host == null) {
            throw ServiceException.invalid("forwardHost", "mode FORWARD needs a forward host");
        }
        Integer port = spec.forwardPort() == null ? gateway.getForwardPort()
                : spec.forwardPort() == 0 ? null : spec.forwardPort();
        if (port != null && (port < 1 || port > 65535)) {
            throw ServiceException.invalid("forwardPort", "port must be between 1 and 65535 (0: the default)");
        }
        boolean enabled = spec.enabled() == null ? gateway.isEnabled() : spec.enabled();
        Long maxMessages = quota("maxMessages", spec.maxMessages(), gateway.getMaxMessages());
        Long maxBytes = quota("maxBytes", spec.maxBytes(), gateway.getMaxBytes());
        String address = spec.forwardAddress() == null ? gateway.getForwardAddress()
                : spec.forwardAddress().isBlank() ? null : spec.forwardAddress().strip();
        if (address != null) {
            var parsed = MailboxParser.parseMailbox(address)
                    .filter(a -> !a.isAddressLiteral() && !a.hasRoutingCharacters() && a.domain().contains("."));
            if (parsed.isEmpty()) {
                throw ServiceException.invalid("forwardAddress", "'" + address + "' is not an e-mail address");
            }
            address = parsed.get().localPart() + "@" + parsed.get().domainKey();
        }
        if (mode == DeliveryMode.FORWARD_ADDRESS && address == null) {
            throw ServiceException.invalid("forwardAddress", "mode FORWARD_ADDRESS needs a forward address");
        }
        Integer connections = limit("maxConnections", spec.maxConnections(), gateway.getMaxConnections(), 100);
        Integer perConnection = limit("messagesPerConnection", spec.messagesPerConnection(),
                gateway.getMessagesPerConnection(), 10_000);
        gateway.configure(mode, host, port, address, enabled, maxMessages, maxBytes, connections, perConnection);
    }

    /** Sets how the domain's servers may collect the gateway's mail (ETRN, ATRN, POP3). */
    public Gateway updateCollection(String domain, CollectionSpec spec) {
        Gateway gateway = get(domain);
        String via = gateway.getCollectVia();
        if (spec.methods() != null) {
            java.util.Set<String> methods = new java.util.TreeSet<>();
            for (String m : spec.methods()) {
                String method = m == null ? "" : m.strip().toUpperCase(Locale.ROOT);
                if (!List.of("ETRN", "ATRN", "POP3").contains(method)) {
                    throw ServiceException.invalid("methods", "methods are ETRN, ATRN and POP3, not '" + m + "'");
                }
                methods.add(method);
            }
            via = methods.isEmpty() ? null : String.join(",", methods);
        }
        String from = gateway.getCollectFrom();
        if (spec.allowedAddresses() != null) {
            List<String> ranges = new java.util.ArrayList<>();
            for (String a : spec.allowedAddresses()) {
                String entry = a == null ? "" : a.strip();
                String cidr = entry.contains("/") ? entry : entry + (entry.contains(":") ? "/128" : "/32");
                if (AddressRanges.parse(cidr).filter(r -> !r.toString().isEmpty()).isEmpty()) {
                    throw ServiceException.invalid("allowedAddresses", "'" + a + "' is not an IP address or CIDR");
                }
                ranges.add(cidr);
            }
            from = ranges.isEmpty() ? null : String.join(", ", ranges);
        }
        boolean auth = spec.authRequired() != null ? spec.authRequired() : gateway.isCollectAuth();
        String password = gateway.getCollectPassword();
        String cramMd5 = gateway.getCollectCramMd5();
        if (spec.password() != null) {
            if (spec.password().length() < 12) {
                throw ServiceException.invalid("password", "the collection password needs at least 12 characters");
            }
            password = Passwords.hash(spec.password());
            cramMd5 = CramMd5.secret(spec.password());
        }
        if (auth && password == null) {
            throw ServiceException.invalid("password", "authentication is required, so a password is needed");
        }
        boolean atrn = via != null && List.of(via.split(",")).contains("ATRN");
        if (atrn && cramMd5 == null) {
            throw ServiceException.invalid("password", password == null ? "ATRN needs a password"
                    : "ATRN logs in by CRAM-MD5, which needs the password given again when ATRN is turned on");
        }
        // the CRAM-MD5 secret is weaker than the PBKDF2 hash: kept only while ATRN needs it
        boolean onContact = spec.releaseOnContact() != null ? spec.releaseOnContact() : gateway.isReleaseOnContact();
        gateway.collection(via, from, auth, password, atrn ? cramMd5 : null, onContact);
        return gateway;
    }

    /** A pacing limit: left out keeps the old one, 0 removes it, otherwise 1 to {@code max}. */
    private static Integer limit(String field, Integer requested, Integer current, int max) {
        if (requested == null) {
            return current;
        }
        if (requested < 0 || requested > max) {
            throw ServiceException.invalid(field, field + " must be 0 (the server's setting) or 1 to " + max);
        }
        return requested == 0 ? null : requested;
    }

    /** A quota limit: left out keeps the old one, 0 removes it, otherwise positive. */
    private static Long quota(String field, Long requested, Long current) {
        if (requested == null) {
            return current;
        }
        if (requested < 0) {
            throw ServiceException.invalid(field, field + " must be 0 (no limit) or positive");
        }
        return requested == 0 ? null : requested;
    }

    private static String checkDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            throw ServiceException.invalid("domain", "domain is required");
        }
        String d = domain.strip().toLowerCase(Locale.ROOT);
        if (!MailboxParser.isDomain(d) || !d.contains(".")) {
            throw ServiceException.invalid("domain", "'" + domain + "' is not a fully qualified domain name");
        }
        return d;
    }

    private static DeliveryMode checkMode(String mode) {
        try {
            return DeliveryMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid("mode", "mode must be one of FORWARD, MX, FORWARD_ADDRESS, HOLD");
        }
    }

}
