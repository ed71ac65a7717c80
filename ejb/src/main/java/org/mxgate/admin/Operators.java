package org.mxgate.admin;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/**
 * Named operators besides the built-in {@code admin} (and {@code viewer}): an admin creates one
 * with a role and a password, changes them, or removes it; each act goes into the audit log
 * (domain {@code *}). The built-in names cannot be taken.
 */
@Stateless
public class Operators {

    /** At least this many characters in an operator's password. */
    public static final int MIN_PASSWORD = 12;

    @PersistenceContext(unitName = "mxgate")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    AuditLog audit;

    @EJB
    AdminCredentials credentials;

    public List<OperatorAccount> list() {
        return em.createNamedQuery("OperatorAccount.all", OperatorAccount.class).getResultList();
    }

    /**
     * Creates operator {@code name} with {@code role} and {@code password}, or changes its role
     * and (when given) its password; true when it is new.
     */
    public boolean set(String name, String role, String password) {
        String n = name(name);
        String r = role == null ? null : role.strip().toLowerCase(Locale.ROOT);
        if (r == null || !r.equals(AdminCredentials.ADMIN_ROLE) && !r.equals(AdminCredentials.VIEWER_ROLE)) {
            throw ServiceException.invalid("role", "role is admin or viewer, not '" + role + "'");
        }
        OperatorAccount account = em.find(OperatorAccount.class, n);
        boolean newPassword = password != null && !password.isEmpty();
        if ((account == null || newPassword) && (password == null || password.length() < MIN_PASSWORD)) {
            throw ServiceException.invalid("password", "an operator's password needs at least " + MIN_PASSWORD
                    + " characters");
        }
        String hash = newPassword ? Passwords.hash(password) : account.passwordHash();
        if (account == null) {
            em.persist(new OperatorAccount(n, r, hash, LocalDateTime.now(clock)));
        } else {
            account.change(r, hash);
        }
        credentials.forget(n);
        audit.operator(AuditLog.GLOBAL, AuditEvent.Action.OPERATOR_SET, "operator " + n + " (" + r + ")"
                + (account == null ? " created" : newPassword ? ": role and password set" : ": role set"));
        return account == null;
    }

    /** Removes operator {@code name}; false when there is none. */
    public boolean remove(String name) {
        String n = name(name);
        OperatorAccount account = em.find(OperatorAccount.class, n);
        if (account == null) {
            return false;
        }
        em.remove(account);
        credentials.forget(n);
        audit.operator(AuditLog.GLOBAL, AuditEvent.Action.OPERATOR_GONE, "operator " + n + " removed");
        return true;
    }

    /** An operator's name: 1 to 64 letters, digits, dots, dashes, underscores; not a built-in one. */
    static String name(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!n.matches("[a-z0-9._-]{1,64}")) {
            throw ServiceException.invalid("name", "an operator's name is 1 to 64 letters, digits, '.', '-' or '_'");
        }
        if (n.equals(AdminCredentials.USER) || n.equals(AdminCredentials.VIEWER)) {
            throw ServiceException.invalid("name", n + " is built in (its password is a setting)");
        }
        return n;
    }
}
