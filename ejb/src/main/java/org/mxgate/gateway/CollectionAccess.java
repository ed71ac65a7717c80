package org.mxgate.gateway;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.mxgate.admin.Passwords;
import org.mxgate.admin.ServiceException;
import org.mxgate.dns.AddressRanges;

/**
 * Who may collect a gateway's mail and how: the methods, the client addresses allowed, whether
 * the gateway's credentials are needed (stored as a PBKDF2 hash, and a CRAM-MD5 secret only while
 * ATRN needs one), and whether mail from an allowed address releases the held mail. Immutable;
 * {@link #with} checks a change and names the field at fault. The columns keep their text form
 * (methods and ranges as comma lists); the methods are read as a set, the ranges as ranges.
 */
@Embeddable
public class CollectionAccess {

    private static final Logger LOG = Logger.getLogger(CollectionAccess.class.getName());

    /** The methods as a comma list (null: none). */
    @Column(length = 32)
    private String collectVia;

    /** The client addresses allowed, as a CIDR list. */
    @Column(length = 1000)
    private String collectFrom;

    private boolean collectAuth;

    /** The collection password, as a salted PBKDF2 hash ({@link Passwords}). */
    @Column(length = 200)
    private String collectPassword;

    /** Whether mail sent from an allowed address releases the held mail (RFC 5321 §4.5.4.1). */
    private boolean collectOnContact;

    /** The CRAM-MD5 secret ({@link CramMd5}), for gateways that offer ATRN only. */
    @Column(length = 100)
    private String collectCramMd5;

    protected CollectionAccess() {
    }

    private CollectionAccess(Set<CollectionMethod> methods, List<String> allowed, boolean auth, String passwordHash,
            boolean onContact, String cramMd5Secret) {
        this.collectVia = methods.isEmpty() ? null
                : methods.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        this.collectFrom = allowed.isEmpty() ? null : String.join(", ", allowed);
        this.collectAuth = auth;
        this.collectPassword = passwordHash;
        this.collectOnContact = onContact;
        this.collectCramMd5 = cramMd5Secret;
    }

    /** No collection: the mail stays until it is delivered or flushed. */
    static CollectionAccess none() {
        return new CollectionAccess(Set.of(), List.of(), false, null, false, null);
    }

    /** This access with the fields {@code spec} gives (left out: kept), each checked. */
    CollectionAccess with(CollectionSpec spec) {
        Set<CollectionMethod> via = spec.methods() == null ? methods() : methods(spec.methods());
        List<String> from = spec.allowedAddresses() == null ? allowedAddresses() : ranges(spec.allowedAddresses());
        boolean auth = spec.authRequired() != null ? spec.authRequired() : collectAuth;
        String password = collectPassword;
        String cramMd5 = collectCramMd5;
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
        boolean atrn = via.contains(CollectionMethod.ATRN);
        if (atrn && cramMd5 == null) {
            throw ServiceException.invalid("password", password == null ? "ATRN needs a password"
                    : "ATRN logs in by CRAM-MD5, which needs the password given again when ATRN is turned on");
        }
        boolean onContact = spec.releaseOnContact() != null ? spec.releaseOnContact() : collectOnContact;
        // the CRAM-MD5 secret is weaker than the PBKDF2 hash: kept only while ATRN needs it
        return new CollectionAccess(via, from, auth, password, onContact, atrn ? cramMd5 : null);
    }

    private static Set<CollectionMethod> methods(List<String> names) {
        Set<CollectionMethod> methods = EnumSet.noneOf(CollectionMethod.class);
        for (String m : names) {
            String name = m == null ? "" : m.strip().toUpperCase(Locale.ROOT);
            try {
                methods.add(CollectionMethod.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw ServiceException.invalid("methods", "methods are ETRN, ATRN and POP3, not '" + m + "'");
            }
        }
        return methods;
    }

    private static List<String> ranges(List<String> addresses) {
        List<String> ranges = new ArrayList<>();
        for (String a : addresses) {
            String entry = a == null ? "" : a.strip();
            String cidr = entry.contains("/") ? entry : entry + (entry.contains(":") ? "/128" : "/32");
            if (AddressRanges.parse(cidr).filter(r -> !r.toString().isEmpty()).isEmpty()) {
                throw ServiceException.invalid("allowedAddresses", "'" + a + "' is not an IP address or CIDR");
            }
            ranges.add(cidr);
        }
        return ranges;
    }

    /** The methods offered. */
    public Set<CollectionMethod> methods() {
        Set<CollectionMethod> methods = EnumSet.noneOf(CollectionMethod.class);
        if (collectVia != null) {
            for (String name : collectVia.split(",")) {
                methods.add(CollectionMethod.valueOf(name));
            }
        }
        return methods;
    }

    /** The client addresses allowed, as CIDR entries. */
    public List<String> allowedAddresses() {
        return collectFrom == null ? List.of() : Arrays.asList(collectFrom.split(", "));
    }

    /**
     * Whether {@code client} (an IP address literal) is among the addresses allowed to collect;
     * nobody is when none are set or they cannot be read (which is logged).
     */
    public boolean allows(String client, String domain) {
        if (collectFrom == null) {
            return false;
        }
        Optional<AddressRanges> ranges = AddressRanges.parse(collectFrom);
        if (ranges.isEmpty()) {
            LOG.warning("collection for " + domain + ": its allowed addresses (" + collectFrom
                    + ") cannot be read, so nobody may collect");
            return false;
        }
        try {
            return ranges.get().contains(InetAddress.getByName(client));
        } catch (UnknownHostException e) {
            LOG.warning("collection for " + domain + ": client [" + client + "] is not an address: " + e);
            return false;
        }
    }

    public boolean authRequired() {
        return collectAuth;
    }

    /** The PBKDF2 hash of the collection password, or null when none is set. */
    public String passwordHash() {
        return collectPassword;
    }

    /** The CRAM-MD5 secret for ATRN logins ({@link CramMd5}), kept only while ATRN is offered. */
    public String cramMd5Secret() {
        return collectCramMd5;
    }

    /** Whether mail sent by one of the allowed addresses releases the gateway's held mail. */
    public boolean releaseOnContact() {
        return collectOnContact;
    }
}
